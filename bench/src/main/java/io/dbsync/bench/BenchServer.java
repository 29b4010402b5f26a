package io.dbsync.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One MongoDB wire server (mongo-java-server, memory backend) on 127.0.0.1, in its own JVM, with
 * a {@link DelayRelay} in front of it. Prints one line the harness reads:
 * {@code BENCH-SERVER name=<n> port=<direct> relayPort=<delayed> oneWayMicros=<d>}, then serves
 * until stdin closes or the maximum lifetime passes.
 *
 * <p>Usage: {@code BenchServer <name> <oneWayDelayMicros> <maxLifetimeSeconds> [oplog]} — with {@code oplog},
 * the server keeps an oplog, so its collections have change streams (and every write costs more).
 */
public final class BenchServer {
    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        long oneWayMicros = Long.parseLong(args[1]);
        Duration maxLifetime = Duration.ofSeconds(Long.parseLong(args[2]));

        MemoryBackend backend = new MemoryBackend();
        if (args.length > 3 && args[3].equals("oplog")) {
            backend.enableOplog();
        }
        // "enable-oplog" on stdin switches the oplog on later: data loaded before it is not in the oplog.
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        DelayRelay relay = new DelayRelay(new InetSocketAddress("127.0.0.1", address.getPort()),
                TimeUnit.MICROSECONDS.toNanos(oneWayMicros));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                relay.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
            server.shutdownNow();
        }, "bench-server-shutdown"));

        System.out.println("BENCH-SERVER name=" + name + " port=" + address.getPort() + " relayPort=" + relay.port()
                + " oneWayMicros=" + oneWayMicros + " maxHeapMB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.flush();
        Lifeline.start("server-" + name, maxLifetime, command -> {
            if (command.equals("enable-oplog")) {
                backend.enableOplog();
                System.out.println("BENCH-SERVER oplog-enabled");
                System.out.flush();
            }
        });
        Thread.currentThread().join(); // the lifeline ends the process
    }
}
