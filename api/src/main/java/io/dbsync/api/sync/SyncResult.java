package io.dbsync.api.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.Json;
import io.dbsync.api.config.SyncMode;
import io.dbsync.api.store.RunRecord;
import io.dbsync.api.sync.guard.Divergence;
import io.dbsync.api.sync.plan.StoragePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a run, as returned by {@code /syncdb} and {@code /runs/{id}}, and stored whole
 * with its row in the runs table.
 *
 * @param mode          what ran: {@code full} (every collection copied and swapped in) or {@code delta}
 *                      (some or all collections brought up to date in place); {@code requestedMode} while running
 * @param requestedMode the mode asked for: {@code full}, {@code delta} or {@code auto}
 * @param modeReason    why {@code mode} ran, and which collections fell back to what
 * @param progress      names of the collections done so far (the seed's meaning)
 * @param forced        the deletion guard was skipped for this run ({@code force=true})
 * @param keptOnTarget  standby collections that no longer exist on the source and were kept
 * @param droppedOnTarget standby collections dropped because the source no longer has them ({@code dropMissing})
 * @param live          per-collection figures while the run is in flight (empty once it has ended)
 * @param refusal       why a {@code refused} run was refused, else null
 * @param divergence    what the check for foreign writes on the standby found (null when the run ended before it)
 * @param traffic       what the run cost each server: operations and bytes (so far, while it runs)
 * @param phases        the run's steps, each with its time and operations
 * @param storage       how the run fit the standby's storage: all staged copies swapped in at once or one at a
 *                      time, the standby's use before, at the peak and after, its limit, and why (null before planning)
 * @param snapshot      what became of the run's restore point (absent when restore points are off)
 * @param error         a readable message when the run failed or was refused, else null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SyncResult(
        String runId,
        SyncStatus status,
        SyncMode mode,
        SyncMode requestedMode,
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
        Refusal refusal,
        Divergence divergence,
        StoragePlan storage,
        Traffic traffic,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RunPhase> phases,
        @JsonInclude(JsonInclude.Include.NON_NULL) SnapshotReport snapshot,
        String error) {

    private static final ObjectMapper JSON = Json.mapper();

    /** A run in flight: its live figures so far. */
    static SyncResult running(RunHandle handle, Instant now) {
        RunProgress progress = handle.progress();
        return new SyncResult(handle.runId(), SyncStatus.RUNNING, handle.requestedMode(), handle.requestedMode(), null,
                handle.request().triggeredBy(), handle.request().force(), handle.startedAt(), null,
                Duration.between(handle.startedAt(), now).toMillis(), progress.documents(), progress.bytes(),
                progress.done(), List.of(), List.of(), List.of(), progress.collections(), null, null, null,
                handle.traffic(), handle.phases().phases(), handle.restorePoint(), null);
    }

    /** A run that completed: what it did, collection by collection. */
    static SyncResult completed(RunHandle handle, RunOutcome outcome, Instant finishedAt) {
        return ended(handle, SyncStatus.COMPLETED, outcome, null, outcome.divergence(), null, finishedAt);
    }

    /** A run a guard refused before it wrote anything. */
    static SyncResult refused(RunHandle handle, RunRefusedException refusal, Instant finishedAt) {
        return ended(handle, SyncStatus.REFUSED, null, refusal.refusal(), refusal.divergence(), refusal.getMessage(),
                finishedAt);
    }

    /** A run that failed; {@code error} is readable and redacted. */
    static SyncResult failed(RunHandle handle, String error, Instant finishedAt) {
        return ended(handle, SyncStatus.FAILED, null, null, null, error, finishedAt);
    }

    /** Without an {@code outcome} (it failed or was refused), a result reports the mode asked for: what would have run is not known. */
    private static SyncResult ended(RunHandle handle, SyncStatus status, RunOutcome outcome, Refusal refusal,
                                    Divergence divergence, String error, Instant finishedAt) {
        java.util.Map<String, Long> operations = handle.operationsByCollection();
        List<CollectionResult> collections = outcome == null ? List.of() : outcome.collections().stream()
                .map(result -> result.withOperations(operations.getOrDefault(result.name(), 0L))).toList();
        return new SyncResult(handle.runId(), status, outcome == null ? handle.requestedMode() : outcome.mode(),
                handle.requestedMode(), outcome == null ? null : outcome.modeReason(), handle.request().triggeredBy(),
                handle.request().force(), handle.startedAt(), finishedAt,
                Duration.between(handle.startedAt(), finishedAt).toMillis(),
                collections.stream().mapToLong(CollectionResult::documents).sum(),
                collections.stream().mapToLong(CollectionResult::bytes).sum(), handle.progress().done(), collections,
                outcome == null ? List.of() : outcome.keptOnTarget(),
                outcome == null ? List.of() : outcome.droppedOnTarget(), List.of(), refusal, divergence,
                outcome == null ? null : outcome.storage(), handle.traffic(), handle.phases().phases(),
                handle.restorePoint(), error);
    }

    /** The stored result, or — for a run still going on another instance — its state from the row. */
    public static SyncResult fromRow(RunRecord row, Instant now) {
        if (row.result() != null) {
            try {
                return JSON.readValue(row.result(), SyncResult.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored result of run " + row.id() + " is unreadable", e);
            }
        }
        SyncStatus status = SyncStatus.valueOf(row.status().toUpperCase(Locale.ROOT));
        SyncMode mode = SyncMode.valueOf(row.mode().toUpperCase(Locale.ROOT));
        Instant end = row.finishedAt() == null ? now : row.finishedAt();
        return new SyncResult(row.id(), status, mode, mode, null, row.triggeredBy(), row.forced(), row.startedAt(),
                row.finishedAt(), Duration.between(row.startedAt(), end).toMillis(), row.documents(), row.bytes(),
                List.of(), List.of(), List.of(), List.of(), live(row), null, null, null, null, List.of(), null, row.error());
    }

    private static List<CollectionProgress> live(RunRecord row) {
        if (row.live() == null) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(row.live(), CollectionProgress[].class));
        } catch (JsonProcessingException e) {
            return List.of(); // a figure, not a record: an unreadable one is left out
        }
    }

    /** The whole result as JSON, as the runs table keeps it. */
    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run result always serialises", e);
        }
    }
}
