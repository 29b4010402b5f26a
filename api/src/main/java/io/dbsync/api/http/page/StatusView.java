package io.dbsync.api.http.page;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.api.store.StandbyStates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the status page shows, read once per request.
 *
 * @param runs           the last runs, newest first, each as {@code /runs} returns it (the page shows the
 *                       API's own view of a run, by the API's names)
 * @param standby        {@code ok}, {@code diverged} or {@code paused}
 * @param standbyState   who paused it and why, or what diverged
 */
public record StatusView(Instant now, Optional<Instant> lastSuccessAt, Duration freshnessWindow, boolean stale,
                         String standby, StandbyStates.State standbyState, List<JsonNode> runs) {

    /** The run going now, if one is. */
    Optional<JsonNode> running() {
        return runs.stream().filter(run -> "running".equals(run.path("status").asText())).findFirst();
    }

    /** The newest run that wrote collections: after a refused or failed run, the last one that did. */
    Optional<JsonNode> lastWithCollections() {
        return runs.stream().filter(run -> !run.path("collections").isEmpty()).findFirst();
    }
}
