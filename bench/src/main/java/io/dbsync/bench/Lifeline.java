package io.dbsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Ends a child JVM when its parent goes away (stdin reaches end of file) or when it has lived too
 * long, so no benchmark process outlives the harness.
 */
final class Lifeline {
    private Lifeline() {
    }

    static void start(String who, Duration maxLifetime) {
        Thread stdin = new Thread(() -> {
            try {
                InputStream in = System.in;
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                    // the parent writes nothing; we only wait for the pipe to close
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
