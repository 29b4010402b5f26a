package io.dbsync.api.sync;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.config.VerifyMode;
import io.dbsync.api.sync.plan.CollectionFilter;
import java.util.List;

/**
 * The options one run actually uses: the configured policy with the request's overrides.
 *
 * @param force skip the deletion guard for this run (recorded on the run)
 * @param mode  the mode asked for; which method each collection gets is decided per collection
 * @param configuredCollections the run covers the configured collections (the request narrowed nothing):
 *                              only such a run writes a restore point, which must hold the whole database
 */
public record RunOptions(CollectionFilter filter, boolean dropMissing, VerifyMode verify, boolean force,
                         int maxShrinkPercent, SyncMode mode, boolean configuredCollections) {

    public RunOptions(CollectionFilter filter, boolean dropMissing, VerifyMode verify, boolean force, int maxShrinkPercent,
                      SyncMode mode) {
        this(filter, dropMissing, verify, force, maxShrinkPercent, mode, true);
    }

    /** The request's options over the configured ones; a malformed filter throws {@link IllegalArgumentException}. */
    static RunOptions resolve(SyncRequest request, SyncPolicy policy, SyncSettings settings) {
        CollectionFilter filter = new CollectionFilter(request.include().orElse(policy.include()),
                request.exclude().orElse(policy.exclude()));
        boolean configured = filter.include().equals(policy.include()) && filter.exclude().equals(policy.exclude());
        return new RunOptions(filter, request.dropMissing().orElse(policy.dropMissing()),
                request.verify().orElse(settings.verify()), request.force(), policy.maxShrinkPercent(),
                request.mode().orElse(policy.mode()), configured);
    }

    public List<String> include() {
        return filter.include();
    }

    public List<String> exclude() {
        return filter.exclude();
    }
}
