package io.dbsync.api;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.auth.Authenticator;
import io.dbsync.api.auth.PasswordHasher;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.http.ApiServer;
import io.dbsync.api.http.Reachability;
import io.dbsync.api.metrics.SyncMetrics;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.store.StandbyStates;
import io.dbsync.api.sync.StandbyStatus;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.sync.SyncService;
import io.dbsync.api.sync.snapshot.SnapshotSettings;
import io.javalin.Javalin;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The running service: everything wired from one {@link ApiConfig}, closed in reverse order. */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final Postgres database;
    private final SyncEngine engine;
    private final Reachability reachability;
    private final Javalin server;

    private Application(Postgres database, SyncEngine engine, Reachability reachability, Javalin server) {
        this.database = database;
        this.engine = engine;
        this.reachability = reachability;
        this.server = server;
    }

    public static Application start(ApiConfig config, ProgressListener listener) {
        return start(config, listener, Clock.systemUTC());
    }

    /** Connects to PostgreSQL (migrating it), builds the MongoDB clients, and starts the HTTP server. */
    public static Application start(ApiConfig config, ProgressListener listener, Clock clock) {
        SnapshotSettings snapshots = SnapshotSettings.from(config.snapshots()); // a bad SNAPSHOT_* fails before any connection
        // Room for the run lock's own session, a run's records, and concurrent logins.
        Postgres database = Postgres.open(config.database(), 8);
        Authenticator authenticator = new Authenticator(database.jdbi(), new PasswordHasher(config.bcryptCost()),
                config.auth(), clock);
        StandbyStates standby = new StandbyStates(database.jdbi(), config.target().identity(), clock);
        SyncMetrics metrics = new SyncMetrics(authenticator, clock, () -> StandbyStatus.of(standby.current()));
        SyncEngine engine = SyncEngine.start(database, new SyncEngine.Pair(config.source(), config.target()), config.sync(),
                config.policy(), snapshots, listener, metrics, clock);
        engine.runs().lastSuccessAt().ifPresent(metrics::lastSuccessAt);
        Map<String, BooleanSupplier> probes = new LinkedHashMap<>();
        probes.put("source", () -> ping(engine.source()));
        probes.put("target", () -> ping(engine.target()));
        probes.put("database", database::isReachable);
        Reachability reachability = new Reachability(probes, clock);
        Javalin server = ApiServer.create(new ApiServer.Dependencies(engine.service(), authenticator,
                config.auth().trustedProxyHops(), reachability,
                metrics, config.syncWait(), config.syncWithinRequest(), config.policy().maxStaleness(), clock));
        Application application = new Application(database, engine, reachability, server);
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

    private static boolean ping(MongoDatabase database) {
        return database.runCommand(new Document("ping", 1)).get("ok", Number.class).intValue() == 1;
    }

    public int port() {
        return server.port();
    }

    /** The run coordinator, for callers in the same process (the CLI, tests) — never a second orchestrator. */
    public SyncService syncService() {
        return engine.service();
    }

    public Postgres database() {
        return database;
    }

    @Override
    public void close() {
        server.stop();
        reachability.close();
        engine.close();
        database.close();
    }
}
