package io.dbsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import io.dbsync.bench.wire.RequestCounter;
import io.dbsync.bench.wire.WireMessageParser;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on 127.0.0.1 that delays every chunk by a fixed one-way latency, in both directions,
 * to stand in for a network round trip. Each direction has a reader that stamps chunks with a due
 * time and a writer that sends them when due, in order; the reader never waits for the writer, so
 * many chunks are in flight at once and the relay adds latency without limiting bandwidth.
 *
 * <p>Each reader also reads the wire-protocol headers passing through and tells the
 * {@link RequestCounter} about every request (client to server) and reply, so the benchmark can count
 * the requests and sequential round trips a run makes. A reply counts as delivered when its last byte
 * is due at the client.
 */
final class DelayRelay implements AutoCloseable {
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int MAX_CHUNKS_IN_FLIGHT = 1024; // per direction: at most 64 MiB buffered
    private static final byte[] END = new byte[0];
    private static final long PARK_SLACK_NANOS = 50_000;

    private final InetSocketAddress upstream;
    private final long oneWayDelayNanos;
    private final ServerSocket listener;
    private final RequestCounter counter;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private int connections; // only the acceptor thread touches it
    private volatile boolean closed;

    /** A chunk and the moment it may be sent on. */
    private record Chunk(byte[] data, long dueNanos) {
    }

    DelayRelay(InetSocketAddress upstream, long oneWayDelayNanos) throws IOException {
        this(upstream, oneWayDelayNanos, RequestCounter.onSystemClock());
    }

    DelayRelay(InetSocketAddress upstream, long oneWayDelayNanos, RequestCounter counter) throws IOException {
        this.upstream = upstream;
        this.oneWayDelayNanos = oneWayDelayNanos;
        this.counter = counter;
        this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "relay-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** What clients have asked through this relay so far. */
    RequestCounter counter() {
        return counter;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(upstream, 10_000);
                for (Socket socket : List.of(client, server)) {
                    socket.setTcpNoDelay(true);
                    sockets.add(socket);
                }
                int connection = ++connections;
                pipe(client, server, "up", new WireMessageParser(
                        (message, firstByte) -> counter.request(connection, message, firstByte), System::nanoTime));
                pipe(server, client, "down", new WireMessageParser(
                        (message, firstByte) -> counter.reply(connection, message, System.nanoTime() + oneWayDelayNanos),
                        System::nanoTime));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("event=relay.accept_failed error=" + e);
                }
            }
        }
    }

    private void pipe(Socket from, Socket to, String direction, WireMessageParser parser) {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(MAX_CHUNKS_IN_FLIGHT);
        String name = "relay-" + direction + "-" + from.getPort();
        boolean up = direction.equals("up");
        Thread reader = new Thread(() -> read(from, to, queue, up, parser), name + "-read");
        Thread writer = new Thread(() -> write(from, to, queue), name + "-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private void read(Socket from, Socket to, BlockingQueue<Chunk> queue, boolean up, WireMessageParser parser) {
        byte[] buffer = new byte[CHUNK_BYTES];
        try {
            InputStream in = from.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                counter.bytes(up, n);
                parser.feed(buffer, 0, n);
                queue.put(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + oneWayDelayNanos));
            }
            queue.put(new Chunk(END, System.nanoTime() + oneWayDelayNanos));
        } catch (IOException | InterruptedException e) {
            closeQuietly(from, to);
        }
    }

    private void write(Socket from, Socket to, BlockingQueue<Chunk> queue) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk chunk = queue.take();
                awaitDue(chunk.dueNanos());
                if (chunk.data() == END) {
                    to.shutdownOutput();
                    return;
                }
                out.write(chunk.data());
            }
        } catch (IOException | InterruptedException e) {
            closeQuietly(from, to);
        }
    }

    /**
     * Parks until the due time. parkNanos overshoots by about 50 µs on Linux, so it is asked to wake
     * that much early and the rest is spun; the spin stays short so the relay leaves the CPU to the servers.
     */
    static void awaitDue(long dueNanos) {
        long remaining;
        while ((remaining = dueNanos - System.nanoTime()) > 0) {
            if (remaining > PARK_SLACK_NANOS + 10_000) {
                LockSupport.parkNanos(remaining - PARK_SLACK_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private void closeQuietly(Socket... pair) {
        for (Socket socket : pair) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
            sockets.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        closeQuietly(sockets.toArray(new Socket[0]));
    }
}
