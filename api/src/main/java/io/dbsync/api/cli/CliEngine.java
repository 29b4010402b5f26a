package io.dbsync.api.cli;

import io.dbsync.api.SyncEngine;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.sync.SyncService;
import io.dbsync.api.sync.snapshot.SnapshotSettings;

/**
 * A command's engine: PostgreSQL (for the lock, the records and the guards' state) and a
 * {@link SyncEngine} for one pair of databases. Ctrl-C stops the run at once and waits for it to
 * clean up (its staging dropped), so an interrupted command leaves the destination as it was.
 */
final class CliEngine implements AutoCloseable {
    private final Postgres database;
    private final SyncEngine engine;
    private final Thread onInterrupt;

    private CliEngine(Postgres database, SyncEngine engine) {
        this.database = database;
        this.engine = engine;
        this.onInterrupt = new Thread(engine.service()::abort, "dbsync-cli-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
    }

    /** @param snapshots how its runs write restore points ({@link SnapshotSettings#off()}: none) */
    static CliEngine open(ApiConfig config, SyncEngine.Pair pair, SyncPolicy policy, SnapshotSettings snapshots,
                          CliContext context) {
        Postgres database = Postgres.open(config.database(), 4);
        try {
            return new CliEngine(database, SyncEngine.start(database, pair, config.sync(), policy, snapshots,
                    ProgressListener.NONE, SyncService.RunObserver.NONE, context.clock()));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    SyncEngine engine() {
        return engine;
    }

    Postgres database() {
        return database;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs
        }
        engine.close();
        database.close();
    }
}
