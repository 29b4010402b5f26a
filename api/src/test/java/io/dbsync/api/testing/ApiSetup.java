package io.dbsync.api.testing;

import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.config.AuthSettings;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.SnapshotConfig;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.sync.ProgressListener;
import java.time.Clock;
import java.time.Duration;

/**
 * How a test's API is configured: engine settings, policy, listener, clock, the users/runs
 * database (null: a fresh one), the {@code /syncdb} wait, the login settings, restore points and whether
 * runs must end within the request. Start from {@link #defaults()}.
 */
public record ApiSetup(SyncSettings settings, SyncPolicy policy, ProgressListener listener, Clock clock,
                       DatabaseUrl database, Duration syncWait, AuthSettings auth, SnapshotConfig snapshots,
                       boolean syncWithinRequest) {

    /** Small batches (so collections span many), short MongoDB timeouts, the default policy and wait. */
    public static ApiSetup defaults() {
        return new ApiSetup(TestApi.testSettings(), SyncPolicy.defaults(), ProgressListener.NONE, Clock.systemUTC(), null,
                ApiConfig.DEFAULT_SYNC_WAIT, AuthSettings.defaults(), SnapshotConfig.off(), false);
    }

    public ApiSetup withSettings(SyncSettings newSettings) {
        return new ApiSetup(newSettings, policy, listener, clock, database, syncWait, auth, snapshots, syncWithinRequest);
    }

    public ApiSetup withPolicy(SyncPolicy newPolicy) {
        return new ApiSetup(settings, newPolicy, listener, clock, database, syncWait, auth, snapshots, syncWithinRequest);
    }

    public ApiSetup withListener(ProgressListener newListener) {
        return new ApiSetup(settings, policy, newListener, clock, database, syncWait, auth, snapshots, syncWithinRequest);
    }

    public ApiSetup withClock(Clock newClock) {
        return new ApiSetup(settings, policy, listener, newClock, database, syncWait, auth, snapshots, syncWithinRequest);
    }

    /** Shares a users/runs database with another instance. */
    public ApiSetup withDatabase(DatabaseUrl newDatabase) {
        return new ApiSetup(settings, policy, listener, clock, newDatabase, syncWait, auth, snapshots, syncWithinRequest);
    }

    public ApiSetup withWait(Duration newWait) {
        return new ApiSetup(settings, policy, listener, clock, database, newWait, auth, snapshots, syncWithinRequest);
    }

    /** Restore points: where ({@code SNAPSHOT_URI}) and when ({@code SNAPSHOT_EVERY}), as from the environment. */
    public ApiSetup withSnapshots(SnapshotConfig newSnapshots) {
        return new ApiSetup(settings, policy, listener, clock, database, syncWait, auth, newSnapshots, syncWithinRequest);
    }

    /** As on AWS Lambda ({@code SYNC_WITHIN_REQUEST}): a run still going when the wait is over is stopped. */
    public ApiSetup withinRequest() {
        return new ApiSetup(settings, policy, listener, clock, database, syncWait, auth, snapshots, true);
    }

    public ApiSetup withAuth(AuthSettings newAuth) {
        return new ApiSetup(settings, policy, listener, clock, database, syncWait, newAuth, snapshots, syncWithinRequest);
    }
}
