package io.dbsync.api.sync;

import com.mongodb.client.MongoCluster;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.store.RunLock;
import io.dbsync.api.store.RunStore;
import io.dbsync.api.store.StandbyLedger;
import io.dbsync.api.store.StandbyMarks;
import io.dbsync.api.store.StandbyStates;
import io.dbsync.api.sync.mongo.Operations;
import io.dbsync.api.sync.snapshot.RestorePointPolicy;
import java.time.Clock;
import java.util.Optional;

/**
 * What {@link SyncService} runs with, wired once at start-up.
 *
 * @param marks    where the standby stood after each run's last write (the divergence guard's baseline)
 * @param states   whether the standby is paused or diverged
 * @param listener hears every batch written (metrics, logs, tests that act mid-copy)
 * @param observer hears every run that ends (metrics)
 * @param operations counts what the two clients send: a run's share goes into its result
 * @param restorePoints how runs write restore points (empty: they write none)
 */
public record SyncDependencies(MongoDatabase source, MongoDatabase target, MongoCluster standbyCluster, SyncSettings settings,
                               SyncPolicy policy,
                               RunLock lock, RunStore store, StandbyLedger ledger, StandbyMarks marks, StandbyStates states,
                               ProgressListener listener, SyncService.RunObserver observer, Clock clock,
                               Operations operations, Optional<RestorePointPolicy> restorePoints) {
}
