package io.dbsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;

/**
 * A wire server's counters over HTTP on 127.0.0.1 ({@code GET /status}, JSON), so that the harness
 * and the syncing JVM can read them before and after each run while the server keeps running: the
 * relay's request counts and, on an Atlas-profiled server, its operations and storage.
 * {@code ?intervalsFrom=<epoch µs>} adds the relay's request intervals from then on. The JDK's own
 * HTTP server and client: one small JSON document needs nothing more.
 */
final class StatusEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpServer server;

    /** @param status the document to answer, given the {@code intervalsFrom} parameter (-1 when absent) */
    StatusEndpoint(LongFunction<Map<String, Object>> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/status", exchange -> answer(exchange, status));
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "status-endpoint");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, LongFunction<Map<String, Object>> status) throws IOException {
        try (exchange) {
            byte[] body;
            int code = 200;
            try {
                body = JSON.writeValueAsBytes(status.apply(intervalsFrom(exchange.getRequestURI())));
            } catch (RuntimeException e) {
                code = 500;
                body = JSON.writeValueAsBytes(Map.of("error", String.valueOf(e)));
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static long intervalsFrom(URI uri) {
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("intervalsFrom=")) {
                    return Long.parseLong(pair.substring("intervalsFrom=".length()));
                }
            }
        }
        return -1;
    }

    /** Reads a server's status; {@code intervalsFrom} < 0 leaves the intervals out. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fetch(int port, long intervalsFrom) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/status" + (intervalsFrom >= 0 ? "?intervalsFrom=" + intervalsFrom : ""));
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("status of the server on port " + port + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readValue(response.body(), Map.class);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
