package io.dbsync.api.reliability;

import io.dbsync.api.config.MongoEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.netcrusher.NetCrusherException;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * A netcrusher TCP proxy on a loopback port in front of one MongoDB server, so a test can freeze,
 * black-hole or cut the API's connections to it, and watch (or drop) the bytes that pass.
 *
 * <p>Every chunk of bytes in either direction is shown to the current {@link Watcher}, on the
 * reactor thread; a watcher that returns {@code true} makes the proxy swallow that chunk. Anything
 * that acts on the proxy itself (cutting connections) is handed to {@link #cutAllConnectionsSoon()},
 * which runs it off the reactor thread.
 */
final class NetworkFaultProxy implements AutoCloseable {

    /** Which way bytes travel through the proxy. */
    enum Direction {
        /** From the API (the driver) to the MongoDB server. */
        CLIENT_TO_SERVER,
        /** From the MongoDB server back to the API. */
        SERVER_TO_CLIENT
    }

    /** Looks at each chunk of bytes as it passes; returns true to swallow it. Runs on the reactor thread. */
    interface Watcher {
        Watcher NONE = (connection, direction, chunk) -> false;

        boolean swallow(InetSocketAddress connection, Direction direction, String chunk);
    }

    private final String name;
    private final NioReactor reactor;
    private final TcpCrusher crusher;
    private final AtomicReference<Watcher> watcher = new AtomicReference<>(Watcher.NONE);
    private final ExecutorService control;

    private NetworkFaultProxy(String name, NioReactor reactor, InetSocketAddress upstream) {
        this.name = name;
        this.reactor = reactor;
        this.control = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fault-proxy-" + name);
            thread.setDaemon(true);
            return thread;
        });
        this.crusher = openOnFreePort(upstream);
    }

    /**
     * netcrusher reports the configured bind address, not the port the OS chose for port 0, so a free
     * port is found first; should another process take it in between, another is tried.
     */
    private TcpCrusher openOnFreePort(InetSocketAddress upstream) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return TcpCrusherBuilder.builder()
                        .withReactor(reactor)
                        .withBindAddress("127.0.0.1", freePort())
                        .withConnectAddress(upstream)
                        .withOutgoingTransformFilterFactory(client -> buffer -> filter(client, Direction.CLIENT_TO_SERVER, buffer))
                        .withIncomingTransformFilterFactory(client -> buffer -> filter(client, Direction.SERVER_TO_CLIENT, buffer))
                        .buildAndOpen();
            } catch (NetCrusherException e) {
                last = e;
            }
        }
        throw last;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a proxy on a free loopback port that forwards to {@code upstream}. */
    static NetworkFaultProxy open(String name, NioReactor reactor, InetSocketAddress upstream) {
        return new NetworkFaultProxy(name, reactor, upstream);
    }

    private void filter(InetSocketAddress client, Direction direction, ByteBuffer buffer) {
        Watcher current = watcher.get();
        if (current == Watcher.NONE || !buffer.hasRemaining()) {
            return;
        }
        // ISO-8859-1 maps every byte to one char, so a command name in the BSON stays findable as text.
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        if (current.swallow(client, direction, new String(bytes, StandardCharsets.ISO_8859_1))) {
            buffer.position(buffer.limit()); // nothing left in the chunk: the proxy forwards nothing
        }
    }

    void watch(Watcher newWatcher) {
        watcher.set(newWatcher);
    }

    /** The proxied endpoint of database {@code database}: what the API is configured with. */
    MongoEndpoint endpoint(String database) {
        return new MongoEndpoint("mongodb://127.0.0.1:" + crusher.getBindAddress().getPort() + "/" + database, database);
    }

    /**
     * Stops every byte in both directions on open connections and accepts no new ones (the kernel may
     * still complete a TCP handshake, but no byte passes), until {@link #unfreeze()}.
     */
    void freeze() {
        crusher.freeze();
    }

    void unfreeze() {
        if (crusher.isOpen() && crusher.isFrozen()) {
            crusher.unfreeze();
        }
    }

    boolean isFrozen() {
        return crusher.isFrozen();
    }

    /** Unfreezes after {@code delay}, on the reactor's scheduler: the length of the freeze is the fault itself. */
    Future<?> unfreezeAfter(long delay, TimeUnit unit) {
        return reactor.getScheduler().scheduleUnfreeze(crusher, delay, unit);
    }

    /**
     * Closes every open connection through the proxy (new ones are still accepted), from a thread of
     * the proxy's own, so a watcher on the reactor thread can ask for it.
     */
    Future<?> cutAllConnectionsSoon() {
        return control.submit(crusher::closeAllPairs);
    }

    @Override
    public void close() {
        watcher.set(Watcher.NONE);
        control.shutdownNow();
        if (crusher.isOpen()) {
            unfreeze();
            crusher.close();
        }
    }

    @Override
    public String toString() {
        return "NetworkFaultProxy[" + name + " " + crusher.getBindAddress() + " -> " + crusher.getConnectAddress() + "]";
    }
}
