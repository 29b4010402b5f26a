package io.dbsync.bench;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.dbsync.testkit.atlas.AtlasProfile;
import io.dbsync.testkit.atlas.AtlasBackend;
import io.dbsync.testkit.atlas.OperationCounts;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One MongoDB wire server (mongo-java-server, memory backend, or testkit's Atlas profile; with a real
 * server's cursor batches, {@link RealServerBatches}) on 127.0.0.1, in its own JVM, with a
 * {@link DelayRelay} in front of it and a {@link StatusEndpoint} for its counters. Prints one line the harness reads:
 * {@code BENCH-SERVER name=<n> port=<direct> relayPort=<delayed> statusPort=<http> oneWayMicros=<d> …},
 * then serves until stdin closes or the maximum lifetime passes. Its command line is a {@link ServerSpec}.
 * With {@code --oplog} its collections have change streams (and every write costs more); "enable-oplog"
 * on stdin switches the oplog on later, so that data loaded before it is not in the oplog.
 */
public final class BenchServer {
    private BenchServer() {
    }

    public static void main(String[] argv) throws Exception {
        ServerSpec spec = ServerSpec.parse(argv);
        AtlasProfile profile = spec.profile();
        AtlasBackend atlas = profile == null ? null : profile.newBackend();
        MongoBackend backend = atlas != null ? atlas : new MemoryBackend();
        if (spec.oplog()) {
            backend.enableOplog();
        }
        MongoServer server = new MongoServer(new RealServerBatches(backend));
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        DelayRelay relay = new DelayRelay(new InetSocketAddress("127.0.0.1", address.getPort()),
                TimeUnit.MICROSECONDS.toNanos(spec.oneWayMicros()));
        StatusEndpoint status = new StatusEndpoint(intervalsFrom -> status(relay, atlas, intervalsFrom));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            status.close();
            try {
                relay.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
            server.shutdownNow();
        }, "bench-server-shutdown"));

        System.out.println("BENCH-SERVER name=" + spec.name() + " port=" + address.getPort() + " relayPort=" + relay.port()
                + " statusPort=" + status.port() + " oneWayMicros=" + spec.oneWayMicros()
                + " maxHeapMB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " profile=" + (profile == null ? "none" : profile.describe().replace(' ', '_')));
        System.out.flush();
        Lifeline.start("server-" + spec.name(), Duration.ofSeconds(spec.maxLifetimeSeconds()), command -> {
            if (command.equals("enable-oplog")) {
                backend.enableOplog();
                System.out.println("BENCH-SERVER oplog-enabled");
                System.out.flush();
            }
        });
        Thread.currentThread().join(); // the lifeline ends the process
    }

    /** The relay's counts and, on a profiled server, what the profile counted (see {@link AtlasBackend}). */
    static Map<String, Object> status(DelayRelay relay, AtlasBackend atlas, long intervalsFrom) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("relay", relay.counter().snapshot(intervalsFrom));
        if (atlas != null) {
            OperationCounts operations = atlas.operations();
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("profile", atlas.profile().describe());
            profile.put("quotaBytes", atlas.profile().quotaBytes());
            profile.put("usedBytes", atlas.usedBytes());
            profile.put("operations", operations.operations());
            profile.put("insertedDocuments", operations.insertedDocuments());
            profile.put("delayedOperations", operations.delayedOperations());
            profile.put("delaySeconds", operations.totalDelay().toNanos() / 1e9);
            profile.put("perCommand", operations.perCommand());
            out.put("atlas", profile);
        }
        return out;
    }
}
