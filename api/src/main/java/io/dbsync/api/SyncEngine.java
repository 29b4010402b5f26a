package io.dbsync.api;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.MongoEndpoint;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.store.InProcessRunLock;
import io.dbsync.api.store.LayeredRunLock;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.store.PostgresRunLock;
import io.dbsync.api.store.PostgresStandbyLedger;
import io.dbsync.api.store.RunStore;
import io.dbsync.api.store.PostgresStandbyMarks;
import io.dbsync.api.store.StandbyStates;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.sync.SyncDependencies;
import io.dbsync.api.sync.SyncService;
import io.dbsync.api.sync.mongo.MongoConnections;
import io.dbsync.api.sync.mongo.Operations;
import io.dbsync.api.sync.snapshot.RestorePointPolicy;
import io.dbsync.api.sync.snapshot.RestorePoints;
import io.dbsync.api.sync.snapshot.SnapshotSettings;
import io.dbsync.api.sync.snapshot.SnapshotStore;
import java.time.Clock;
import java.util.Optional;

/**
 * The run machinery for one source and standby, without HTTP: both MongoDB clients and the
 * {@link SyncService} over a PostgreSQL database the caller owns. The API and every command line
 * run go through it, so a run is wired one way only.
 */
public final class SyncEngine implements AutoCloseable {
    private final MongoClient sourceClient;
    private final MongoClient targetClient;
    private final MongoDatabase source;
    private final MongoDatabase target;
    private final SyncService service;
    private final RunStore runs;
    private final Optional<SnapshotStore> snapshotStore;

    /** The endpoints of one engine: which database is copied onto which. */
    public record Pair(MongoEndpoint source, MongoEndpoint target) {
    }

    private SyncEngine(MongoClient sourceClient, MongoClient targetClient, MongoDatabase source, MongoDatabase target,
                       SyncService service, RunStore runs, Optional<SnapshotStore> snapshotStore) {
        this.sourceClient = sourceClient;
        this.targetClient = targetClient;
        this.source = source;
        this.target = target;
        this.service = service;
        this.runs = runs;
        this.snapshotStore = snapshotStore;
    }

    /** An engine whose runs write no restore points. */
    public static SyncEngine start(Postgres database, Pair pair, SyncSettings settings, SyncPolicy policy,
                                   ProgressListener listener, SyncService.RunObserver observer, Clock clock) {
        return start(database, pair, settings, policy, SnapshotSettings.off(), listener, observer, clock);
    }

    /** An engine whose runs write restore points as {@code snapshots} says (when it sets a schedule). */
    public static SyncEngine start(Postgres database, Pair pair, SyncSettings settings, SyncPolicy policy,
                                   SnapshotSettings snapshots, ProgressListener listener, SyncService.RunObserver observer,
                                   Clock clock) {
        Optional<SnapshotStore> store = snapshots.schedule().enabled() ? Optional.of(snapshots.openStore()) : Optional.empty();
        Optional<RestorePointPolicy> restorePoints = store.map(opened -> new RestorePointPolicy(
                new RestorePoints(opened, clock), snapshots.schedule(), snapshots.retention(), snapshots.compression(),
                pair.source().identity()));
        Operations operations = Operations.uncounted();
        MongoClient sourceClient = MongoConnections.open(pair.source(), settings, "dbsync-source", operations.source());
        MongoClient targetClient = MongoConnections.open(pair.target(), settings, "dbsync-target", operations.standby());
        MongoDatabase source = sourceClient.getDatabase(pair.source().database());
        MongoDatabase target = targetClient.getDatabase(pair.target().database());
        RunStore runs = new RunStore(database.jdbi());
        String standby = pair.target().identity();
        SyncService service = new SyncService(new SyncDependencies(source, target, targetClient, settings, policy,
                new LayeredRunLock(new InProcessRunLock(), new PostgresRunLock(database.jdbi())), runs,
                new PostgresStandbyLedger(database.jdbi(), pair.source().identity(), standby, clock),
                new PostgresStandbyMarks(database.jdbi(), standby), new StandbyStates(database.jdbi(), standby, clock),
                listener, observer, clock, operations, restorePoints));
        return new SyncEngine(sourceClient, targetClient, source, target, service, runs, store);
    }

    public SyncService service() {
        return service;
    }

    public RunStore runs() {
        return runs;
    }

    public MongoDatabase source() {
        return source;
    }

    public MongoDatabase target() {
        return target;
    }

    @Override
    public void close() {
        service.close();
        sourceClient.close();
        targetClient.close();
        snapshotStore.ifPresent(SnapshotStore::close);
    }
}
