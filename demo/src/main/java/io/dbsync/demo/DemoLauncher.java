package io.dbsync.demo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.dbsync.api.Application;
import io.dbsync.api.auth.PasswordHasher;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.config.AuthSettings;
import io.dbsync.api.config.ConfigException;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.MongoEndpoint;
import io.dbsync.api.config.SnapshotConfig;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.users.UserAdmin;
import io.dbsync.testkit.atlas.AtlasProfile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the real API against embedded stand-ins: two mongo-java-server instances on loopback
 * ports (the source seeded with a small shop) and an embedded PostgreSQL, with a demo user whose
 * password is random. Nothing is installed and nothing leaves the machine. With
 * {@code DEMO_STANDBY_PROFILE} the standby behaves like an Atlas free-tier cluster ({@link StandbyProfile}).
 */
public final class DemoLauncher {
    static final String USERNAME = "demo";

    private DemoLauncher() {
    }

    /** Everything the demo started, closed together. */
    record Demo(MongoServer source, MongoServer target, EmbeddedPostgres postgres, Application api,
                String password, MongoEndpoint sourceEndpoint, MongoEndpoint targetEndpoint,
                Optional<AtlasProfile> standbyProfile) implements AutoCloseable {
        String curlLine() {
            return "curl -u " + USERNAME + ":" + password + " http://localhost:" + api.port() + "/syncdb";
        }

        @Override
        public void close() throws IOException {
            api.close();
            postgres.close();
            source.shutdownNow();
            target.shutdownNow();
        }
    }

    public static void main(String[] args) throws Exception {
        // Before the first logger exists: the stand-ins are chatty and would bury the curl line.
        System.setProperty("logback.configurationFile", "dbsync-demo-logback.xml");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "7070"));
        Optional<AtlasProfile> standbyProfile;
        SnapshotConfig snapshots;
        try {
            standbyProfile = StandbyProfile.fromEnvironment(System.getenv());
            snapshots = SnapshotConfig.fromEnv(System.getenv()); // SNAPSHOT_URI/SNAPSHOT_EVERY: restore points, as in production
        } catch (IllegalArgumentException | ConfigException badOption) {
            System.err.println("demo: " + badOption.getMessage());
            System.exit(2);
            return;
        }
        Demo demo = start(port, standbyProfile, snapshots);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                demo.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }));
        System.out.println();
        System.out.println("dbsync demo is running (Ctrl-C stops it; all data lives in memory and is gone then)");
        System.out.println("  source (primary): " + demo.sourceEndpoint().uri() + "  — customers " + DemoData.CUSTOMERS
                + ", products " + DemoData.PRODUCTS + ", orders " + DemoData.ORDERS + ", sessions 50, audit_log (empty)");
        System.out.println("  target (standby): " + demo.targetEndpoint().uri() + "  — "
                + StandbyProfile.describe(demo.standbyProfile()));
        System.out.println("  users:            embedded PostgreSQL, user '" + USERNAME + "' with a random password");
        System.out.println();
        System.out.println("Copy the source into the standby:");
        System.out.println(demo.curlLine());
        System.out.println();
        System.out.println("Or from a terminal, with the operator's commands (sync, status, pause, resume, copy, snapshots,"
                + " restore):");
        System.out.println("  mvn -B -ntp -q -pl api -am -DskipTests package");
        System.out.println("  export SOURCE_MONGODB_URI=" + demo.sourceEndpoint().uri() + " TARGET_MONGODB_URI="
                + demo.targetEndpoint().uri());
        System.out.println("  export DATABASE_URL='" + demo.postgres().getJdbcUrl("postgres", "postgres") + "'");
        System.out.println("  java -jar api/target/dbsync-api.jar sync --mode auto; java -jar api/target/dbsync-api.jar status");
        System.out.println();
        stopped.await();
    }

    static Demo start(int port) throws IOException {
        return start(port, Optional.empty());
    }

    static Demo start(int port, Optional<AtlasProfile> standbyProfile) throws IOException {
        return start(port, standbyProfile, SnapshotConfig.off());
    }

    static Demo start(int port, Optional<AtlasProfile> standbyProfile, SnapshotConfig snapshots) throws IOException {
        MongoServer source = new MongoServer(new MemoryBackend());
        MongoBackend targetBackend = standbyProfile.<MongoBackend>map(AtlasProfile::newBackend).orElseGet(MemoryBackend::new);
        MongoServer target = new MongoServer(targetBackend);
        source.bind("127.0.0.1", 0);
        target.bind("127.0.0.1", 0);
        MongoEndpoint sourceEndpoint = new MongoEndpoint("mongodb://127.0.0.1:" + source.getLocalAddress().getPort() + "/shop", "shop");
        MongoEndpoint targetEndpoint = new MongoEndpoint(
                "mongodb://127.0.0.1:" + target.getLocalAddress().getPort() + "/shop_standby", "shop_standby");
        try (MongoClient client = MongoClients.create(sourceEndpoint.uri())) {
            DemoData.seed(client.getDatabase(sourceEndpoint.database()));
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        DatabaseUrl database = new DatabaseUrl(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        ApiConfig config = new ApiConfig(sourceEndpoint, targetEndpoint, database, port, 12, SyncSettings.defaults(),
                SyncPolicy.defaults(), AuthSettings.defaults(), ApiConfig.DEFAULT_SYNC_WAIT, snapshots);
        Application api = Application.start(config, ProgressListener.NONE);
        String password = randomPassword();
        new UserAdmin(api.database().jdbi(), new PasswordHasher(config.bcryptCost())).add(USERNAME, password);
        return new Demo(source, target, postgres, api, password, sourceEndpoint, targetEndpoint, standbyProfile);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        // URL-safe alphabet: no characters the shell or curl -u would mangle.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'x').replace('_', 'y');
    }
}
