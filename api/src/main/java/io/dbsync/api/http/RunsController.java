package io.dbsync.api.http;

import io.dbsync.api.sync.SyncService;
import io.javalin.http.Context;

/** {@code GET /runs/{id}} and {@code GET /runs?limit=N}: the state of runs, live while they go. */
final class RunsController {
    private static final int MAX_LIMIT = 100;
    private final SyncService syncService;

    RunsController(SyncService syncService) {
        this.syncService = syncService;
    }

    void one(Context ctx) {
        String runId = ctx.pathParam("id");
        ctx.json(syncService.find(runId).orElseThrow(() -> new ApiException(404, "no run with id " + runId)));
    }

    void list(Context ctx) {
        String limitParam = ctx.queryParam("limit");
        int limit = 20;
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_LIMIT);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        ctx.json(syncService.recent(limit));
    }
}
