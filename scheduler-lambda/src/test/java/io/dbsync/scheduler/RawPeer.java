package io.dbsync.scheduler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP peer on loopback for what an HTTP server will not do on purpose: reset the connection.
 * Each accepted connection reads one request, then plays the next scripted action (the last one
 * repeats): {@link #RESET} aborts with a TCP RST, any other text is written back as the response.
 */
final class RawPeer implements AutoCloseable {
    static final String RESET = "RESET";

    private final ServerSocket server;
    private final Deque<String> script;
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor;

    RawPeer(String... actions) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        script = new ConcurrentLinkedDeque<>(List.of(actions));
        acceptor = new Thread(this::acceptLoop, "raw-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static String http(int status, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n" + json;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                if (!readRequest(socket.getInputStream())) {
                    continue;
                }
                requests.incrementAndGet();
                String action = script.size() > 1 ? script.pollFirst() : script.peekFirst();
                if (RESET.equals(action)) {
                    socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
                } else {
                    OutputStream out = socket.getOutputStream();
                    out.write(action.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away or the peer is closing; accept the next one
            }
        }
    }

    /** Reads the request head and its Content-Length body; false if the client sent nothing. */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.write(b);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        in.readNBytes(length);
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
