package io.dbsync.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real handler once with a captured stdout and a bounded context; shared by the tests. */
final class Invocations {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String USERNAME = "scheduler";
    /** A colon, a quote and a non-ASCII letter: exercises Basic encoding and JSON escaping. */
    static final String PASSWORD = "s3cret:pa\"ss-w\u00f6rd";
    /** Short waits so the whole suite stays fast; the logic is the same as with {@link Pacing#DEFAULT}. */
    static final Pacing FAST = new Pacing(Duration.ofMillis(300),
            Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofMillis(50), Duration.ofMillis(200), 4);

    private Invocations() {
    }

    /** The result of one invocation: what it returned or threw, and every line it printed. */
    record Outcome(String result, SchedulerException failure, List<String> lines, long startNanos, long endNanos) {
        long elapsedMs() {
            return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
        }

        JsonNode summary() {
            return parse(lines.get(0));
        }

        JsonNode metric() {
            return parse(lines.get(1));
        }
    }

    static Map<String, String> env(URI baseUrl, String... more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "DBSYNC_URL", baseUrl.toString(),
                "DBSYNC_ALLOW_HTTP", "true",
                "DBSYNC_USERNAME", USERNAME,
                "DBSYNC_PASSWORD", PASSWORD,
                "DBSYNC_HTTP_TIMEOUT_SECONDS", "5"));
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                env.remove(more[i]);
            } else {
                env.put(more[i], more[i + 1]);
            }
        }
        return env;
    }

    static Outcome invoke(Map<String, String> env) {
        return invoke(env, FAST, Duration.ofSeconds(20));
    }

    static Outcome invoke(Map<String, String> env, Pacing pacing, Duration budget) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SyncTriggerHandler handler = new SyncTriggerHandler(env, pacing, out);
        long start = System.nanoTime();
        String result = null;
        SchedulerException failure = null;
        try {
            result = handler.handleRequest(Map.of(), new CommandLineContext(budget, out));
        } catch (SchedulerException e) {
            failure = e;
        }
        long end = System.nanoTime();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        // The contract of every invocation, whatever happened: exactly one summary and one EMF line,
        // then a snapshot line only when the run attempted a snapshot.
        assertThat(lines).hasSizeBetween(2, 3);
        return new Outcome(result, failure, lines, start, end);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not valid JSON: " + json, e);
        }
    }

    static String basic(String username, String password) {
        return new Credentials(username, password).authorization();
    }
}
