package io.dbsync.api.sync.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * A netcrusher TCP proxy on a loopback port in front of the S3 server that cuts the network once a
 * given number of bytes went from client to server: the chunk that crosses the line is dropped,
 * every connection is closed and new ones are refused, until {@link #restore()}.
 */
final class CuttingProxy implements AutoCloseable {
    private final NioReactor reactor;
    private final TcpCrusher crusher;
    private final ExecutorService control = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "s3-cutting-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean cutting = new AtomicBoolean();
    private volatile long cutAfter = Long.MAX_VALUE;
    private final CompletableFuture<Long> cut = new CompletableFuture<>();

    CuttingProxy(int upstreamPort) throws IOException {
        this.reactor = new NioReactor();
        this.crusher = TcpCrusherBuilder.builder().withReactor(reactor)
                .withBindAddress("127.0.0.1", freePort())
                .withConnectAddress("127.0.0.1", upstreamPort)
                .withOutgoingTransformFilterFactory(client -> this::countOrCut)
                .buildAndOpen();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + crusher.getBindAddress().getPort());
    }

    /** Cuts once {@code bytes} more bytes have gone from client to server. */
    void cutAfter(long bytes) {
        cutAfter = sent.get() + bytes;
    }

    /** Completes with the bytes that had passed when the network was cut. */
    CompletableFuture<Long> whenCut() {
        return cut;
    }

    /** Accepts connections again. */
    void restore() {
        cutAfter = Long.MAX_VALUE;
        if (!crusher.isOpen()) {
            crusher.open();
        }
    }

    private void countOrCut(ByteBuffer buffer) {
        long total = sent.addAndGet(buffer.remaining());
        if (total >= cutAfter) {
            buffer.position(buffer.limit());
            if (cutting.compareAndSet(false, true)) {
                control.submit(() -> {
                    crusher.close();
                    cut.complete(total);
                });
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        control.shutdownNow();
        if (crusher.isOpen()) {
            crusher.close();
        }
        reactor.close();
    }
}
