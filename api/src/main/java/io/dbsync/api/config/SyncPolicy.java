package io.dbsync.api.config;

import java.time.Duration;
import java.util.List;

/**
 * What a run copies and when it refuses, as configured; a request may override the options for
 * one run. (How runs verify is {@link SyncSettings#verify()}.)
 *
 * @param include          collection names or {@code *} globs to copy (empty: all)
 * @param exclude          collection names or {@code *} globs never to copy
 * @param dropMissing      drop standby collections that no longer exist on the source
 * @param maxShrinkPercent the deletion guard: refuse when a collection would lose more than this share
 * @param maxStaleness     {@code /health} reports stale when no run completed within this time
 * @param mode             how runs bring the standby up to date unless a request says otherwise
 * @param limits           what the standby can hold (storage, collections, name lengths), when known
 */
public record SyncPolicy(List<String> include, List<String> exclude, boolean dropMissing,
                         int maxShrinkPercent, Duration maxStaleness, SyncMode mode, StandbyLimits limits) {

    public SyncPolicy {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        if (maxShrinkPercent < 0 || maxShrinkPercent > 100) {
            throw new ConfigException("SYNC_MAX_SHRINK_PERCENT must be between 0 and 100");
        }
    }

    public static SyncPolicy defaults() {
        return new SyncPolicy(List.of(), List.of(), false, 50, Duration.ofMinutes(1440), SyncMode.FULL, StandbyLimits.none());
    }

    public SyncPolicy withMaxStaleness(Duration staleness) {
        return new SyncPolicy(include, exclude, dropMissing, maxShrinkPercent, staleness, mode, limits);
    }

    public SyncPolicy withFilters(List<String> newInclude, List<String> newExclude, boolean newDropMissing) {
        return new SyncPolicy(newInclude, newExclude, newDropMissing, maxShrinkPercent, maxStaleness, mode, limits);
    }

    public SyncPolicy withLimits(StandbyLimits newLimits) {
        return new SyncPolicy(include, exclude, dropMissing, maxShrinkPercent, maxStaleness, mode, newLimits);
    }

    public SyncPolicy withMode(SyncMode newMode) {
        return new SyncPolicy(include, exclude, dropMissing, maxShrinkPercent, maxStaleness, newMode, limits);
    }
}
