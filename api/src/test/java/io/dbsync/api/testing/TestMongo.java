package io.dbsync.api.testing;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.dbsync.api.config.MongoEndpoint;
import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * A source and a target MongoDB for one test. By default two mongo-java-server instances on
 * loopback ports, driven by the real driver; when {@code DBSYNC_TEST_MONGODB_URI} is set, two fresh
 * databases on that real server instead.
 */
public final class TestMongo implements AutoCloseable {
    public static final String REAL_MONGODB_VARIABLE = "DBSYNC_TEST_MONGODB_URI";

    private final MongoServer sourceServer;
    private final MongoServer targetServer;
    private final MongoEndpoint source;
    private final MongoEndpoint target;
    private final MongoClient sourceClient;
    private final MongoClient targetClient;

    private final boolean owned;

    private TestMongo(MongoServer sourceServer, MongoServer targetServer, MongoEndpoint source, MongoEndpoint target) {
        this(sourceServer, targetServer, source, target, true);
    }

    private TestMongo(MongoServer sourceServer, MongoServer targetServer, MongoEndpoint source, MongoEndpoint target,
                      boolean owned) {
        this.owned = owned;
        this.sourceServer = sourceServer;
        this.targetServer = targetServer;
        this.source = source;
        this.target = target;
        this.sourceClient = MongoClients.create(settings(source.uri()));
        this.targetClient = MongoClients.create(settings(target.uri()));
    }

    private final java.util.Set<String> extraDatabases = new java.util.LinkedHashSet<>();

    public static TestMongo start() {
        return start(false);
    }

    /**
     * A source whose collections have change streams: the test server with its oplog switched on
     * (its update and replace events are shaped differently from a real server's), or the real
     * server when {@code DBSYNC_TEST_MONGODB_URI} names a replica set.
     */
    public static TestMongo startWithChangeStreams() {
        return start(true, false);
    }

    /**
     * Both servers with change streams, as two replica sets (Atlas M0 included) are: the standby's
     * stream is what the divergence guard reads.
     */
    public static TestMongo startWithChangeStreamsOnBoth() {
        return start(true, true);
    }

    private static TestMongo start(boolean changeStreams) {
        return start(changeStreams, false);
    }

    private static TestMongo start(boolean changeStreams, boolean standbyChangeStreams) {
        String real = realMongoUri();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        if (real != null) {
            return new TestMongo(null, null, new MongoEndpoint(real, "dbsync_src_" + suffix),
                    new MongoEndpoint(real, "dbsync_tgt_" + suffix));
        }
        MemoryBackend sourceBackend = new MemoryBackend();
        if (changeStreams) {
            sourceBackend.enableOplog();
        }
        MongoServer sourceServer = new MongoServer(sourceBackend);
        MemoryBackend targetBackend = new MemoryBackend();
        if (standbyChangeStreams) {
            targetBackend.enableOplog();
        }
        MongoServer targetServer = new MongoServer(targetBackend);
        sourceServer.bind("127.0.0.1", 0);
        targetServer.bind("127.0.0.1", 0);
        InetSocketAddress sourceAddress = sourceServer.getLocalAddress();
        InetSocketAddress targetAddress = targetServer.getLocalAddress();
        return new TestMongo(sourceServer, targetServer,
                new MongoEndpoint("mongodb://127.0.0.1:" + sourceAddress.getPort() + "/shop", "shop"),
                new MongoEndpoint("mongodb://127.0.0.1:" + targetAddress.getPort() + "/shop_standby", "shop_standby"));
    }

    /**
     * Another pairing of servers some other {@code TestMongo} started (after a failover, say): closing
     * it closes its clients only, never the servers or their data.
     */
    public static TestMongo reconfigured(MongoEndpoint source, MongoEndpoint target) {
        return new TestMongo(null, null, source, target, false);
    }

    /**
     * A plain source and a standby that behaves like an Atlas shared-tier cluster (testkit's
     * profile: quota, name and collection limits, refused commands, an operations budget).
     */
    public static TestMongo withAtlasStandby(de.bwaldvogel.mongo.MongoBackend standbyBackend) {
        MongoServer sourceServer = new MongoServer(new MemoryBackend());
        MongoServer targetServer = new MongoServer(standbyBackend);
        sourceServer.bind("127.0.0.1", 0);
        targetServer.bind("127.0.0.1", 0);
        return new TestMongo(sourceServer, targetServer,
                new MongoEndpoint("mongodb://127.0.0.1:" + sourceServer.getLocalAddress().getPort() + "/shop", "shop"),
                new MongoEndpoint("mongodb://127.0.0.1:" + targetServer.getLocalAddress().getPort() + "/shop_standby",
                        "shop_standby"));
    }

    /** The real server's URI when the suite runs against one, else null. */
    public static String realMongoUri() {
        String uri = System.getenv(REAL_MONGODB_VARIABLE);
        return uri == null || uri.isBlank() ? null : uri;
    }

    private static MongoClientSettings settings(String uri) {
        return MongoClientSettings.builder().applyConnectionString(new com.mongodb.ConnectionString(uri)).build();
    }

    public boolean isEmbedded() {
        return sourceServer != null;
    }

    public MongoEndpoint source() {
        return source;
    }

    public MongoEndpoint target() {
        return target;
    }

    public MongoDatabase sourceDb() {
        return sourceClient.getDatabase(source.database());
    }

    public MongoDatabase targetDb() {
        return targetClient.getDatabase(target.database());
    }

    /**
     * A connection string for another database on the standby's server (a scratch database to
     * restore into): the standby's URI with {@code database} as its path. Dropped on close on a real server.
     */
    public String targetServerUri(String database) {
        extraDatabases.add(database);
        String uri = target.uri();
        int hostsEnd = uri.indexOf('/', uri.indexOf("://") + 3);
        String rest = hostsEnd < 0 ? "" : uri.substring(hostsEnd);
        int query = rest.indexOf('?');
        String options = query < 0 ? "" : rest.substring(query);
        String hosts = hostsEnd < 0 ? uri : uri.substring(0, hostsEnd);
        return hosts + "/" + database + options;
    }

    /** Another database on the standby's server (see {@link #targetServerUri}). */
    public MongoDatabase targetServerDb(String database) {
        extraDatabases.add(database);
        return targetClient.getDatabase(database);
    }

    /** Stops the embedded source server at once, dropping every connection to it. */
    public void stopSource() {
        if (sourceServer == null) {
            throw new IllegalStateException("cannot stop a real MongoDB server");
        }
        sourceServer.shutdownNow();
    }

    @Override
    public void close() {
        if (owned && !isEmbedded()) {
            sourceDb().drop();
            targetDb().drop();
            extraDatabases.forEach(name -> targetClient.getDatabase(name).drop());
        }
        sourceClient.close();
        targetClient.close();
        if (sourceServer != null) {
            sourceServer.shutdownNow();
            targetServer.shutdownNow();
        }
    }
}
