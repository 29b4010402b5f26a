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

/**
 * {@code GET|POST /syncdb}: start a run and wait for it a bounded time. On a host that stops work
 * once it has answered ({@code SYNC_WITHIN_REQUEST}: AWS Lambda), a run still going when the wait is
 * over is stopped and answered as failed, never {@code 202}: a frozen run would hold the lock and the
 * standby's staging until the host happened to thaw it.
 */
final class SyncController {
    /**
     * How long a stopped run may take to drop its staging and release the lock. A stop takes a second
     * or two; the bound keeps the answer inside the scheduler's HTTP timeout (the wait + 40 s, a cold
     * start included). A run blocked in one long server call (an index build) can outlast it: then 503.
     */
    static final Duration STOP_BOUND = Duration.ofSeconds(20);

    private final SyncService syncService;
    private final Duration wait;
    private final boolean withinRequest;

    SyncController(SyncService syncService, Duration wait, boolean withinRequest) {
        this.syncService = syncService;
        this.wait = wait;
        this.withinRequest = withinRequest;
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
        if (result.isEmpty() && withinRequest) {
            handle.stop("the run did not finish within SYNC_WAIT_SECONDS (" + wait.toSeconds() + " s) and this host stops"
                    + " work once it has answered (SYNC_WITHIN_REQUEST), so it was stopped; a database this large needs a"
                    + " host that keeps working after the response (docs/deploy.md)");
            result = handle.await(STOP_BOUND);
            if (result.isEmpty()) {
                throw new ApiException(503, "the run " + handle.runId() + " was stopped but has not ended yet; GET /runs/"
                        + handle.runId() + " shows when it has");
            }
        }
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
