package io.dbsync.api.sync.snapshot;

import java.util.List;
import java.util.Optional;

/**
 * What pruning after a new restore point did: kept and deleted restore points with the reasons,
 * archives without a manifest that were removed, damaged restore points left for an operator,
 * deletions that failed ({@code id: error}), or why nothing was decided at all.
 */
public record RetentionReport(List<Retention.Kept> kept, List<Retention.Deleted> deleted, List<String> orphansDeleted,
                              List<DamagedRestorePoint> damagedLeft, List<String> failures, Optional<String> skipped) {
    public RetentionReport {
        kept = List.copyOf(kept);
        deleted = List.copyOf(deleted);
        orphansDeleted = List.copyOf(orphansDeleted);
        damagedLeft = List.copyOf(damagedLeft);
        failures = List.copyOf(failures);
    }

    static RetentionReport skipped(String why, List<DamagedRestorePoint> damaged) {
        return new RetentionReport(List.of(), List.of(), List.of(), damaged, List.of(), Optional.of(why));
    }
}
