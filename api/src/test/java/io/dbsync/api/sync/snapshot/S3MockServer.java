package io.dbsync.api.sync.snapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe S3Mock (an S3-compatible server) as a child process on a free loopback port, started from
 * its executable jar, which api's build copies from Maven Central (property {@code s3mock.jar}).
 * One server serves every test of a JVM run ({@link #shared}); each test makes its own bucket.
 * S3Mock accepts any credentials and keeps objects in a temporary directory it removes on exit.
 */
final class S3MockServer implements AutoCloseable {
    static final String REGION = "us-east-1";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test-access-key", "test-secret-key"));
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(S3MockServer.class);
    private static final long START_TIMEOUT_SECONDS = 180;

    private final Process process;
    private final int port;
    private final Path root;
    private final double startSeconds;

    private S3MockServer(Process process, int port, Path root, double startSeconds) {
        this.process = process;
        this.port = port;
        this.root = root;
        this.startSeconds = startSeconds;
    }

    /** The server of this JVM run, started on first use and stopped when the run ends. */
    static S3MockServer shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(S3MockServer.class, key -> start(), S3MockServer.class);
    }

    static S3MockServer start() {
        String jar = Optional.ofNullable(System.getProperty("s3mock.jar")).orElseThrow(() -> new IllegalStateException(
                "system property s3mock.jar is not set: run the S3 tests through Maven (mvn -pl api verify), which copies it"));
        try {
            Path root = Files.createTempDirectory("s3mock");
            int port = freePort();
            long started = System.nanoTime();
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar,
                    "--server.address=127.0.0.1", "--server.port=" + port, "--server.ssl.enabled=false",
                    "--spring.main.allow-bean-definition-overriding=true", "--spring.main.sources=" + loopbackOnlySource(),
                    "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                    "--logging.level.com.adobe.testing.s3mock.S3MockApplication=INFO",
                    "--com.adobe.testing.s3mock.store.root=" + root, "--com.adobe.testing.s3mock.store.retainFilesOnExit=false")
                    .redirectErrorStream(true).start();
            awaitStarted(process);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("case=s3mock-start port=%d startSeconds=%.1f%n", port, seconds);
            return new S3MockServer(process, port, root, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    double startSeconds() {
        return startSeconds;
    }

    /** A client straight to the server (no proxy), for setting up and inspecting behind the store's back. */
    S3Client client() {
        return S3SnapshotStore.client(new S3Options(Optional.of(endpoint()), Optional.of(REGION), S3Options.MIN_PART_BYTES),
                CREDENTIALS);
    }

    /** A store on {@code endpoint} (this server, or a proxy in front of it). */
    static S3SnapshotStore store(URI endpoint, SnapshotUri.S3 location, int partBytes) {
        return store(endpoint, location, partBytes, new WireLog());
    }

    /** The same, recording its requests in {@code wire}. */
    static S3SnapshotStore store(URI endpoint, SnapshotUri.S3 location, int partBytes, WireLog wire) {
        S3Client client = S3SnapshotStore.client(new S3Options(Optional.of(endpoint), Optional.of(REGION), partBytes), CREDENTIALS,
                List.of(wire));
        return new S3SnapshotStore(client, location, partBytes);
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static String loopbackOnlySource() {
        try {
            return Path.of(S3MockServer.class.getResource("/snapshot/s3mock-loopback.xml").toURI()).toUri().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the child's output until Spring Boot says it started, then keeps draining it. */
    private static void awaitStarted(Process process) throws IOException {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Deque<String> lastLines = new ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > 40) {
                            lastLines.removeFirst();
                        }
                    }
                    if (line.contains("Started S3MockApplication")) {
                        started.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            started.completeExceptionally(new IllegalStateException("S3Mock ended before it started"));
        }, "s3mock-output");
        reader.setDaemon(true);
        reader.start();
        try {
            started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            List<String> tail;
            synchronized (lastLines) {
                tail = List.copyOf(lastLines);
            }
            throw new IllegalStateException("S3Mock did not start: " + e + "\n" + String.join("\n", tail), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
