package io.dbsync.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * Ends a child JVM when its parent goes away (stdin reaches end of file) or when it has lived too
 * long, so no benchmark process outlives the harness.
 */
final class Lifeline {
    private Lifeline() {
    }

    static void start(String who, Duration maxLifetime) {
        start(who, maxLifetime, line -> { });
    }

    /** As {@link #start(String, Duration)}; each line the parent writes goes to {@code commands}. */
    static void start(String who, Duration maxLifetime, java.util.function.Consumer<String> commands) {
        Thread stdin = new Thread(() -> {
            try {
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                        java.nio.charset.StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    commands.accept(line.trim());
                }
            } catch (IOException ignored) {
                // a broken pipe means the same as end of file
            }
            System.err.println("event=lifeline.stdin_closed who=" + who);
            System.exit(2);
        }, "lifeline-stdin");
        stdin.setDaemon(true);
        stdin.start();

        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(maxLifetime.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("event=lifeline.max_lifetime who=" + who + " seconds=" + maxLifetime.toSeconds());
            System.exit(3);
        }, "lifeline-timer");
        timer.setDaemon(true);
        timer.start();
    }
}
