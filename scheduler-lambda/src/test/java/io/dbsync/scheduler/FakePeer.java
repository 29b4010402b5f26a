package io.dbsync.scheduler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP peer on loopback (JDK HttpServer, port 0) that answers from a script and records
 * every request. Each route plays its responders in order; the last one repeats.
 */
final class FakePeer implements AutoCloseable {
    /** Longest a stalling responder holds a request; {@link #close()} releases it earlier. */
    static final long STALL_SECONDS = 60;

    record Request(String method, String path, String query, Map<String, List<String>> headers, String body,
                   long arrivedNanos) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst().orElse(null);
        }
    }

    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Responder>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private FakePeer(InetAddress address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakePeer start() throws IOException {
        return new FakePeer(InetAddress.getByName("127.0.0.1"));
    }

    /** Bound where the name {@code localhost} resolves, as the secrets extension is reached. */
    static FakePeer startOnLocalhost() throws IOException {
        return new FakePeer(InetAddress.getByName("localhost"));
    }

    FakePeer on(String method, String path, Responder... responders) {
        routes.put(method + " " + path, new ConcurrentLinkedDeque<>(List.of(responders)));
        return this;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    long count(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        URI uri = exchange.getRequestURI();
        requests.add(new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime()));
        Deque<Responder> script = routes.get(exchange.getRequestMethod() + " " + uri.getPath());
        Responder responder = script == null ? json(404, "{\"error\":\"no such route\",\"status\":404}")
                : script.size() > 1 ? script.pollFirst() : script.peekFirst();
        try {
            responder.respond(exchange);
        } finally {
            exchange.close();
        }
    }

    static Responder json(int status, String body) {
        return json(status, body, Map.of());
    }

    static Responder json(int status, String body, Map<String, String> headers) {
        return bytes(status, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static Responder bytes(int status, byte[] body, Map<String, String> headers) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    /** Holds the request without answering (up to {@link #STALL_SECONDS}). */
    Responder stall() {
        return exchange -> {
            awaitRelease();
            json(200, "{}").respond(exchange);
        };
    }

    /** Sends headers and the first bytes of a 1 000-byte body, then holds the rest back. */
    Responder stallBody() {
        return exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"status\":".getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitRelease();
        };
    }

    private void awaitRelease() {
        try {
            release.await(STALL_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
