package io.dbsync.api.http;

import io.dbsync.api.auth.User;
import io.dbsync.api.sync.RunHandle;
import io.dbsync.api.sync.RunInProgressException;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.sync.SyncService;
import io.dbsync.api.sync.SyncStatus;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code GET|POST /syncdb}: start a run and wait for it a bounded time. */
final class SyncController {
    private final SyncService syncService;
    private final Duration wait;

    SyncController(SyncService syncService, Duration wait) {
        this.syncService = syncService;
        this.wait = wait;
    }

    void sync(Context ctx) throws InterruptedException {
        User user = ctx.attribute(BasicAuthGuard.USER_ATTRIBUTE);
        RunHandle handle;
        try {
            handle = syncService.start(SyncRequestParser.parse(ctx, user.username()));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        } catch (RunInProgressException e) {
            ctx.status(409).json(new ErrorResponse("a sync run is already in progress", 409, e.runningRunId(), null));
            return;
        }
        Optional<SyncResult> result = handle.await(wait);
        if (result.isPresent()) {
            respond(ctx, result.get());
        } else {
            ctx.status(202).header("Location", "/runs/" + handle.runId())
                    .json(Map.of("runId", handle.runId(), "status", SyncStatus.RUNNING.json()));
        }
    }

    /**
     * A finished run: 200 when completed or refused by the deletion guard (the body's status says
     * which: a refusal is the guard working, not the service failing), 500 when failed.
     */
    static void respond(Context ctx, SyncResult result) {
        ctx.status(result.status() == SyncStatus.FAILED ? 500 : 200).json(result);
    }
}
