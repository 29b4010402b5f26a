package io.dbsync.api.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a run, as returned by {@code /syncdb} and {@code /runs/{id}}.
 *
 * @param progress     names of the collections done so far (the seed's meaning)
 * @param keptOnTarget standby collections that no longer exist on the source and were kept
 * @param live         per-collection figures while the run is in flight (empty once it has ended)
 * @param error        a readable message when the run failed, else null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SyncResult(
        String runId,
        SyncStatus status,
        String mode,
        String triggeredBy,
        Instant startedAt,
        Instant finishedAt,
        long durationMs,
        long documents,
        long bytes,
        List<String> progress,
        List<CollectionResult> collections,
        List<String> keptOnTarget,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CollectionProgress> live,
        String error) {

    public static final String MODE_FULL = "full";
}
