package io.dbsync.api.sync.mongo;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoCluster;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.StandbyLimits;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.store.StandbyLedger;
import io.dbsync.api.sync.plan.DocumentTap;
import io.dbsync.api.sync.plan.TaskProgress;
import java.time.Duration;

/**
 * What every worker of one run shares: its id, the two databases (and the standby's cluster, whose
 * storage and collections a quota counts), the settings it runs with, what
 * the standby can hold, the ledger it records complete collections in, where it reports progress,
 * its lock, and the tap that hears what full copies read (a restore point being written).
 */
public record RunContext(String runId, MongoDatabase source, MongoDatabase target, MongoCluster standbyCluster,
                         SyncSettings settings,
                         StandbyLimits limits, StandbyLedger ledger, TaskProgress progress, LockCheck lock,
                         DocumentTap tap) {

    /** A run whose copies feed no restore point. */
    public RunContext(String runId, MongoDatabase source, MongoDatabase target, MongoCluster standbyCluster,
                      SyncSettings settings, StandbyLimits limits, StandbyLedger ledger, TaskProgress progress,
                      LockCheck lock) {
        this(runId, source, target, standbyCluster, settings, limits, ledger, progress, lock, DocumentTap.NONE);
    }

    public RunContext {
        // Positions and scans from the same node: a stream position taken on one secondary and a scan
        // served by a lagging other one would skip the changes in between.
        source = source.withReadPreference(ReadPreference.primary());
    }

    /** How long a stopped worker may take to notice: one reply, after a connection's set-up. */
    public Duration stopBound() {
        return settings.mongoReadTimeout().plus(settings.mongoTimeout());
    }

    public BatchLimits batchLimits() {
        return new BatchLimits(settings.batchDocuments(), settings.batchBytes());
    }

    /** The same run, its full copies feeding {@code newTap}. */
    public RunContext withTap(DocumentTap newTap) {
        return new RunContext(runId, source, target, standbyCluster, settings, limits, ledger, progress, lock, newTap);
    }
}
