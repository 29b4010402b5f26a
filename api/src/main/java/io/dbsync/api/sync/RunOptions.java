package io.dbsync.api.sync;

import io.dbsync.api.config.VerifyMode;
import java.util.List;

/**
 * The options one run actually uses: the configured policy with the request's overrides.
 *
 * @param force skip the deletion guard for this run (recorded on the run)
 */
public record RunOptions(CollectionFilter filter, boolean dropMissing, VerifyMode verify, boolean force,
                         int maxShrinkPercent) {

    public List<String> include() {
        return filter.include();
    }

    public List<String> exclude() {
        return filter.exclude();
    }
}
