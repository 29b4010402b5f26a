package io.dbsync.api.sync;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.config.VerifyMode;
import java.util.List;
import java.util.Optional;

/**
 * A request to start a run: who asks, and the options it overrides for this run only.
 *
 * @param triggeredBy the authenticated user, or {@code schedule}
 * @param force       skip the deletion guard once (recorded on the run)
 * @param mode        full, delta or auto for this run (else the configured default)
 */
public record SyncRequest(String triggeredBy, boolean force, Optional<List<String>> include,
                          Optional<List<String>> exclude, Optional<Boolean> dropMissing, Optional<VerifyMode> verify,
                          Optional<SyncMode> mode) {

    /** A run with the configured options. */
    public static SyncRequest of(String triggeredBy) {
        return new SyncRequest(triggeredBy, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
