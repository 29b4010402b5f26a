package io.dbsync.api.http;

import io.dbsync.api.sync.SyncService;
import io.dbsync.api.sync.TransferReport;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}, open to all: is the standby fresh, and do its dependencies answer. It names
 * no host and no credential.
 */
final class HealthController {
    private final SyncService syncService;
    private final Reachability reachability;
    private final Duration maxStaleness;
    private final Clock clock;

    HealthController(SyncService syncService, Reachability reachability, Duration maxStaleness, Clock clock) {
        this.syncService = syncService;
        this.reachability = reachability;
        this.maxStaleness = maxStaleness;
        this.clock = clock;
    }

    void health(Context ctx) {
        Map<String, String> dependencies = reachability.check();
        Instant lastSuccess = null;
        String standby = "unknown";
        java.util.Optional<TransferReport> transfer = java.util.Optional.empty();
        if (dependencies.get("database").equals("up")) {
            try {
                lastSuccess = syncService.lastSuccessAt().orElse(null);
                standby = syncService.standbyStatus().json();
                transfer = syncService.transfer();
            } catch (RuntimeException e) {
                // PostgreSQL went away since the cached probe: say so rather than fail the health check.
                dependencies = new java.util.LinkedHashMap<>(dependencies);
                dependencies.put("database", "down");
            }
        }
        boolean stale = Freshness.of(java.util.Optional.ofNullable(lastSuccess), maxStaleness, clock.instant()).stale();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", dependencies.containsValue("down") ? "degraded" : "ok");
        body.put("lastSuccessAt", lastSuccess);
        body.put("stale", stale);
        body.put("maxStalenessMinutes", maxStaleness.toMinutes());
        // ok, diverged (it took writes dbsync did not make: runs refuse) or paused (by an operator).
        body.put("standby", standby);
        body.putAll(dependencies);
        // With TARGET_TRANSFER_LIMIT_GB_PER_WEEK: the standby's week so far, and whether the schedule will exceed it.
        transfer.ifPresent(report -> body.put("transfer", report));
        ctx.json(body);
    }
}
