package io.dbsync.api.sync.plan;

import java.util.Map;
import java.util.Optional;

/**
 * Refuses to mirror what looks like an accident on the primary: an empty source database while
 * the standby has data, or a collection that shrank by more than the allowed share since the
 * standby's copy. Checked when a run is planned (cheap estimates) and again just before the swap
 * (the counts actually staged).
 */
public final class DeletionGuard {
    private final int maxShrinkPercent;

    public DeletionGuard(int maxShrinkPercent) {
        this.maxShrinkPercent = maxShrinkPercent;
    }

    /** Empty when the source may replace the standby; else why not, naming the figures. */
    public Optional<String> refusal(boolean sourceHasCollections, Map<String, Long> sourceCounts, Map<String, Long> standbyCounts) {
        long standbyDocuments = standbyCounts.values().stream().mapToLong(Long::longValue).sum();
        if (!sourceHasCollections && standbyDocuments > 0) {
            return Optional.of("the source database has no collections while the standby holds " + standbyDocuments
                    + " documents; a wrong URI or a dropped database? Re-run with force=true if this is intended");
        }
        for (Map.Entry<String, Long> source : sourceCounts.entrySet()) {
            long before = standbyCounts.getOrDefault(source.getKey(), 0L);
            long after = source.getValue();
            if (before > 0 && after < before && (before - after) * 100 > maxShrinkPercent * before) {
                long percent = Math.round((before - after) * 100.0 / before);
                return Optional.of("collection '" + source.getKey() + "' would shrink from " + before + " to " + after
                        + " documents (" + percent + " %, more than the allowed " + maxShrinkPercent
                        + " %); re-run with force=true if this is intended");
            }
        }
        return Optional.empty();
    }
}
