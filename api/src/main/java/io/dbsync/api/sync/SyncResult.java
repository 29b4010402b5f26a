package io.dbsync.api.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a run, as returned by {@code /syncdb} and {@code /runs/{id}}.
 *
 * @param mode         what ran: {@code full} (every collection copied and swapped in) or {@code delta}
 *                     (some or all collections brought up to date in place); {@code requestedMode} while running
 * @param requestedMode the mode asked for: {@code full}, {@code delta} or {@code auto}
 * @param modeReason   why {@code mode} ran, and which collections fell back to what
 * @param progress     names of the collections done so far (the seed's meaning)
 * @param forced       the deletion guard was skipped for this run ({@code force=true})
 * @param keptOnTarget standby collections that no longer exist on the source and were kept
 * @param droppedOnTarget standby collections dropped because the source no longer has them ({@code dropMissing})
 * @param live         per-collection figures while the run is in flight (empty once it has ended)
 * @param error        a readable message when the run failed, else null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SyncResult(
        String runId,
        SyncStatus status,
        String mode,
        String requestedMode,
        String modeReason,
        String triggeredBy,
        boolean forced,
        Instant startedAt,
        Instant finishedAt,
        long durationMs,
        long documents,
        long bytes,
        List<String> progress,
        List<CollectionResult> collections,
        List<String> keptOnTarget,
        List<String> droppedOnTarget,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CollectionProgress> live,
        String error) {

    public static final String MODE_FULL = "full";
    public static final String MODE_DELTA = "delta";
}
