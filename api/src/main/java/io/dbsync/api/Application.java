package io.dbsync.api;

import com.mongodb.client.MongoClient;
import io.dbsync.api.auth.Authenticator;
import io.dbsync.api.auth.PasswordHasher;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.db.Database;
import io.dbsync.api.http.ApiServer;
import io.dbsync.api.runs.InProcessRunLock;
import io.dbsync.api.sync.MongoConnections;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.sync.RunRegistry;
import io.dbsync.api.sync.SyncService;
import io.javalin.Javalin;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: everything wired from one {@link ApiConfig}, closed in reverse order. */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final Database database;
    private final MongoClient sourceClient;
    private final MongoClient targetClient;
    private final SyncService syncService;
    private final Javalin server;

    private Application(Database database, MongoClient sourceClient, MongoClient targetClient,
                        SyncService syncService, Javalin server) {
        this.database = database;
        this.sourceClient = sourceClient;
        this.targetClient = targetClient;
        this.syncService = syncService;
        this.server = server;
    }

    /** Connects to PostgreSQL (migrating it), builds the MongoDB clients, and starts the HTTP server. */
    public static Application start(ApiConfig config, ProgressListener listener) {
        Clock clock = Clock.systemUTC();
        Database database = Database.open(config.database(), 4);
        MongoClient source = MongoConnections.open(config.source(), config.sync(), "dbsync-source");
        MongoClient target = MongoConnections.open(config.target(), config.sync(), "dbsync-target");
        SyncService syncService = new SyncService(source.getDatabase(config.source().database()),
                target.getDatabase(config.target().database()), config.sync(), new InProcessRunLock(),
                new RunRegistry(), listener, clock);
        Authenticator authenticator = new Authenticator(database.jdbi(), new PasswordHasher(config.bcryptCost()));
        Javalin server = ApiServer.create(syncService, authenticator, config.sync().requestWait(), clock);
        Application application = new Application(database, source, target, syncService, server);
        try {
            server.start(config.port());
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        LOG.info("event=api.started port={} source={} sourceDb={} target={} targetDb={} database={}",
                server.port(), config.source().redacted(), config.source().database(),
                config.target().redacted(), config.target().database(), config.database().redacted());
        return application;
    }

    public int port() {
        return server.port();
    }

    /** The run coordinator, for callers in the same process (the CLI, tests) — never a second orchestrator. */
    public SyncService syncService() {
        return syncService;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        server.stop();
        syncService.close();
        sourceClient.close();
        targetClient.close();
        database.close();
    }
}
