package io.dbsync.api;

import com.mongodb.client.MongoClient;
import io.dbsync.api.config.MongoEndpoint;
import io.dbsync.api.config.StandbyLimits;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.store.InProcessRunLock;
import io.dbsync.api.store.LayeredRunLock;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.store.PostgresRunLock;
import io.dbsync.api.store.RunLock;
import io.dbsync.api.sync.RestoreRun;
import io.dbsync.api.sync.mongo.MongoConnections;
import java.time.Clock;

/**
 * What a restore runs with: the run lock in the PostgreSQL database the runs use (so no run writes
 * while a restore does) and a client for the destination. {@code dbsync restore} goes through it.
 */
public final class RestoreEngine implements AutoCloseable {
    private final MongoClient client;
    private final MongoEndpoint destination;
    private final RunLock lock;
    private final SyncSettings settings;
    private final Clock clock;

    private RestoreEngine(MongoClient client, MongoEndpoint destination, RunLock lock, SyncSettings settings, Clock clock) {
        this.client = client;
        this.destination = destination;
        this.lock = lock;
        this.settings = settings;
        this.clock = clock;
    }

    public static RestoreEngine open(Postgres database, MongoEndpoint destination, SyncSettings settings, Clock clock) {
        MongoClient client = MongoConnections.open(destination, settings, "dbsync-restore");
        return new RestoreEngine(client, destination, new LayeredRunLock(new InProcessRunLock(),
                new PostgresRunLock(database.jdbi())), settings, clock);
    }

    /** A new restore into the destination; staging names fit any MongoDB (255-byte namespaces). */
    public RestoreRun newRestore() {
        return new RestoreRun(lock, client.getDatabase(destination.database()), StandbyLimits.none().maxNamespaceBytes(),
                settings, clock);
    }

    @Override
    public void close() {
        client.close();
    }
}
