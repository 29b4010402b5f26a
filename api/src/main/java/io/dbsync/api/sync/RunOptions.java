package io.dbsync.api.sync;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.config.VerifyMode;
import java.util.List;

/**
 * The options one run actually uses: the configured policy with the request's overrides.
 *
 * @param force skip the deletion guard for this run (recorded on the run)
 * @param mode  the mode asked for; which one actually ran is decided per collection ({@link ModeChooser})
 */
public record RunOptions(CollectionFilter filter, boolean dropMissing, VerifyMode verify, boolean force,
                         int maxShrinkPercent, SyncMode mode) {

    public List<String> include() {
        return filter.include();
    }

    public List<String> exclude() {
        return filter.exclude();
    }
}
