package io.dbsync.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.Json;
import io.dbsync.api.http.page.StatusPage;
import io.dbsync.api.http.page.StatusView;
import io.dbsync.api.store.StandbyStates;
import io.dbsync.api.sync.StandbyStatus;
import io.dbsync.api.sync.SyncService;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code GET /}: the operator's status page, behind the same Basic auth as the runs it shows. */
final class StatusPageController {
    /** How many runs the page shows and charts. */
    static final int RUNS = 30;
    private static final ObjectMapper JSON = Json.mapper();

    private final SyncService syncService;
    private final Duration maxStaleness;
    private final Clock clock;

    StatusPageController(SyncService syncService, Duration maxStaleness, Clock clock) {
        this.syncService = syncService;
        this.maxStaleness = maxStaleness;
        this.clock = clock;
    }

    void page(Context ctx) {
        Instant now = clock.instant();
        Freshness freshness = Freshness.of(syncService.lastSuccessAt(), maxStaleness, now);
        StandbyStates.State standby = syncService.standbyState();
        // The runs as /runs returns them: the page shows the API's own view, by the API's names.
        List<JsonNode> runs = syncService.recent(RUNS).stream().map(run -> (JsonNode) JSON.valueToTree(run)).toList();
        String html = StatusPage.render(new StatusView(now, freshness.lastSuccessAt(), freshness.window(), freshness.stale(),
                StandbyStatus.of(standby).json(), standby, runs));
        ctx.header("Content-Security-Policy", StatusPage.CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .contentType("text/html; charset=utf-8")
                .result(html);
    }
}
