package io.dbsync.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link BenchServer} child: its direct and delayed ports, stopped by closing its stdin. */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY =
            Pattern.compile("BENCH-SERVER name=\\S+ port=(\\d+) relayPort=(\\d+) statusPort=(\\d+).*");

    private final Process process;
    private final OutputStream lifeline;
    private final int port;
    private final int relayPort;
    private final int statusPort;
    private final java.util.concurrent.CountDownLatch oplogEnabled = new java.util.concurrent.CountDownLatch(1);

    private ServerProcess(Process process, int port, int relayPort, int statusPort) {
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.port = port;
        this.relayPort = relayPort;
        this.statusPort = statusPort;
    }

    static ServerProcess start(String name, String xmx, long oneWayMicros, long maxLifetimeSeconds, Path logDir)
            throws IOException {
        return start(name, xmx, oneWayMicros, maxLifetimeSeconds, logDir, false);
    }

    /** With {@code oplog}, the server's collections have change streams. */
    static ServerProcess start(String name, String xmx, long oneWayMicros, long maxLifetimeSeconds, Path logDir,
                               boolean oplog) throws IOException {
        return start(ServerSpec.plain(name, oneWayMicros, maxLifetimeSeconds).withOplog(oplog), xmx, logDir);
    }

    static ServerProcess start(ServerSpec spec, String xmx, Path logDir) throws IOException {
        String name = spec.name();
        Path log = logDir.resolve("server-" + name + ".log");
        // A fixed heap (-Xms = -Xmx): a heap that grows during the run makes the first measurements slower.
        Process process = ChildJvm.builder(List.of("-Xms" + xmx, "-Xmx" + xmx,
                        "-Xlog:gc:file=" + logDir.resolve("server-" + name + "-gc.log") + ":uptime"), BenchServer.class.getName(),
                        spec.toArgs())
                .redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher ready = READY.matcher(line);
            if (ready.matches()) {
                ServerProcess server = new ServerProcess(process, Integer.parseInt(ready.group(1)),
                        Integer.parseInt(ready.group(2)), Integer.parseInt(ready.group(3)));
                drain(out, logDir.resolve("server-" + name + ".out"), server.oplogEnabled);
                return server;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("server " + name + " did not start; see " + log);
    }

    /** Keeps reading the child's stdout so it can never block on a full pipe. */
    private static void drain(BufferedReader out, Path file, java.util.concurrent.CountDownLatch oplogEnabled)
            throws IOException {
        PrintStream sink = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8);
        Thread thread = new Thread(() -> {
            try (sink) {
                String line;
                while ((line = out.readLine()) != null) {
                    sink.println(line);
                    if (line.equals("BENCH-SERVER oplog-enabled")) {
                        oplogEnabled.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the child has gone
            }
        }, "server-stdout");
        thread.setDaemon(true);
        thread.start();
    }

    /** Switches the server's oplog on now (the data already loaded is not in it) and waits for it to say so. */
    void enableOplog() throws IOException, InterruptedException {
        lifeline.write("enable-oplog\n".getBytes(StandardCharsets.UTF_8));
        lifeline.flush();
        if (!oplogEnabled.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server did not switch its oplog on");
        }
    }

    long pid() {
        return process.pid();
    }

    /** The port of the server's {@link StatusEndpoint}. */
    int statusPort() {
        return statusPort;
    }

    /** The server's counters now (see {@link BenchServer#status}); {@code intervalsFrom} < 0 leaves the intervals out. */
    Map<String, Object> status(long intervalsFrom) throws IOException, InterruptedException {
        return StatusEndpoint.fetch(statusPort, intervalsFrom);
    }

    String uri(String database) {
        return "mongodb://127.0.0.1:" + port + "/" + database;
    }

    String relayUri(String database) {
        return "mongodb://127.0.0.1:" + relayPort + "/" + database;
    }

    @Override
    public void close() {
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
