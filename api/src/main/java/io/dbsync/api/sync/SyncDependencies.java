package io.dbsync.api.sync;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.store.RunLock;
import io.dbsync.api.store.RunStore;
import io.dbsync.api.store.StandbyLedger;
import java.time.Clock;

/**
 * What {@link SyncService} runs with, wired once at start-up.
 *
 * @param listener hears every batch written (metrics, logs, tests that act mid-copy)
 * @param observer hears every run that ends (metrics)
 */
public record SyncDependencies(MongoDatabase source, MongoDatabase target, SyncSettings settings, SyncPolicy policy,
                               RunLock lock, RunStore store, StandbyLedger ledger, ProgressListener listener,
                               SyncService.RunObserver observer, Clock clock) {
}
