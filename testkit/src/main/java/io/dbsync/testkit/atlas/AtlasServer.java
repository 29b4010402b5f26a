package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;

/**
 * A mongo-java-server on a free loopback port that behaves like an Atlas shared-tier cluster.
 *
 * <pre>{@code
 * try (AtlasServer standby = AtlasServer.start(AtlasProfile.m0().withQuotaMegabytes(64))) {
 *     MongoClient client = MongoClients.create(standby.uri());
 *     ...
 *     standby.usedBytes(); standby.operations();
 * }
 * }</pre>
 */
public final class AtlasServer implements AutoCloseable {
    private final MongoServer server;
    private final AtlasBackend backend;
    private final InetSocketAddress address;

    private AtlasServer(MongoServer server, AtlasBackend backend, InetSocketAddress address) {
        this.server = server;
        this.backend = backend;
        this.address = address;
    }

    /** Starts a server with this profile on 127.0.0.1 and a free port. */
    public static AtlasServer start(AtlasProfile profile) {
        return start(profile, false);
    }

    /**
     * As {@link #start}, with mongo-java-server's oplog on, so that change streams work as on an Atlas
     * cluster (a replica set). The oplog is kept in memory for the server's life and, as on Atlas, does
     * not count against the quota.
     */
    public static AtlasServer startWithChangeStreams(AtlasProfile profile) {
        return start(profile, true);
    }

    private static AtlasServer start(AtlasProfile profile, boolean oplog) {
        AtlasBackend backend = profile.newBackend();
        MongoServer server = new MongoServer(backend);
        if (oplog) {
            server.enableOplog();
        }
        server.bind("127.0.0.1", 0);
        return new AtlasServer(server, backend, server.getLocalAddress());
    }

    /** {@code mongodb://127.0.0.1:<port>} */
    public String uri() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    /** {@code mongodb://127.0.0.1:<port>/<database>} */
    public String uri(String database) {
        return uri() + "/" + database;
    }

    public InetSocketAddress address() {
        return address;
    }

    public AtlasProfile profile() {
        return backend.profile();
    }

    public AtlasBackend backend() {
        return backend;
    }

    /** See {@link AtlasBackend#usedBytes()}. */
    public long usedBytes() {
        return backend.usedBytes();
    }

    /** See {@link AtlasBackend#operations()}. */
    public OperationCounts operations() {
        return backend.operations();
    }

    /** Closes every client connection and stops the server. */
    @Override
    public void close() {
        server.shutdownNow();
    }
}
