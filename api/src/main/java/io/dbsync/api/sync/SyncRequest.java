package io.dbsync.api.sync;

import io.dbsync.api.config.VerifyMode;
import java.util.List;
import java.util.Optional;

/**
 * A request to start a run: who asks, and the options it overrides for this run only.
 *
 * @param triggeredBy the authenticated user, or {@code schedule}
 * @param force       skip the deletion guard once (recorded on the run)
 */
public record SyncRequest(String triggeredBy, boolean force, Optional<List<String>> include,
                          Optional<List<String>> exclude, Optional<Boolean> dropMissing, Optional<VerifyMode> verify) {

    /** A run with the configured options. */
    public static SyncRequest of(String triggeredBy) {
        return new SyncRequest(triggeredBy, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
