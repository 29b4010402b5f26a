package io.dbsync.api.http;

import io.dbsync.api.sync.SyncService;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}, open to all: is the service up and is the standby fresh. Names no host. */
final class HealthController {
    private final SyncService syncService;
    private final Duration maxStaleness;
    private final Clock clock;

    HealthController(SyncService syncService, Duration maxStaleness, Clock clock) {
        this.syncService = syncService;
        this.maxStaleness = maxStaleness;
        this.clock = clock;
    }

    void health(Context ctx) {
        Instant lastSuccess = syncService.lastSuccessAt().orElse(null);
        boolean stale = lastSuccess == null || lastSuccess.isBefore(clock.instant().minus(maxStaleness));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("lastSuccessAt", lastSuccess);
        body.put("stale", stale);
        ctx.json(body);
    }
}
