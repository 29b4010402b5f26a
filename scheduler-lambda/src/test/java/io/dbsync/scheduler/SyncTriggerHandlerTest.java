package io.dbsync.scheduler;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The handler's own duties, without a network: config errors, line discipline, what it returns. */
class SyncTriggerHandlerTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private SyncTriggerHandler handler(SyncJob job) {
        return new SyncTriggerHandler(job, Invocations.FAST, out, () -> 1_795_000_000_000L);
    }

    private static CommandLineContext context() {
        return new CommandLineContext(Duration.ofSeconds(10), System.err);
    }

    @Test
    void aMissingVariableFailsTheInvocationWithOneErrorLineNamingIt() {
        Map<String, String> env = Invocations.env(URI.create("https://dbsync.example.com"), "DBSYNC_URL", null);
        SyncTriggerHandler handler = new SyncTriggerHandler(env, Invocations.FAST, out);

        assertThatThrownBy(() -> handler.handleRequest(Map.of(), context()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DBSYNC_URL is not set");
        assertThat(lines()).hasSize(2);
        assertThat(Invocations.parse(lines().get(0)).get("level").asText()).isEqualTo("ERROR");
        assertThat(Invocations.parse(lines().get(0)).get("status").asText()).isEqualTo("config_error");
        assertThat(Invocations.parse(lines().get(0)).get("error").asText()).isEqualTo("DBSYNC_URL is not set");
        assertThat(Invocations.parse(lines().get(1)).get("SyncSucceeded").asInt()).isZero();
    }

    @Test
    void anHttpUrlIsRefusedUnlessHttpIsAllowed() {
        Map<String, String> env = Invocations.env(URI.create("http://127.0.0.1:9"), "DBSYNC_ALLOW_HTTP", null);

        assertThatThrownBy(() -> new SyncTriggerHandler(env, Invocations.FAST, out).handleRequest(Map.of(), context()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DBSYNC_URL must use https");
        assertThat(Invocations.parse(lines().get(0)).get("status").asText()).isEqualTo("config_error");
    }

    @Test
    void everyInvocationOfABadlyConfiguredFunctionReportsAgain() {
        SyncTriggerHandler handler = new SyncTriggerHandler(Map.of(), Invocations.FAST, out);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> handler.handleRequest(Map.of(), context())).isInstanceOf(ConfigException.class);
        }
        assertThat(lines()).hasSize(6);
    }

    @Test
    void aCompletedRunReturnsTheApiJsonUnchanged() {
        String json = ApiResults.completed("run-1", 3);
        SyncTriggerHandler handler = handler(deadline -> new ApiRunReply("run-1", "completed", Optional.of(9L), 3, null, null, Optional.empty(), json));

        assertThat(handler.handleRequest(Map.of(), context())).isSameAs(json);
        assertThat(lines().get(1)).contains("\"Timestamp\":1795000000000");
    }

    @Test
    void aBugInsideTheJobStillProducesExactlyOneErrorLine() {
        SyncTriggerHandler handler = handler(deadline -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> handler.handleRequest(Map.of(), context()))
                .isInstanceOf(SchedulerException.class)
                .hasMessageContaining("IllegalStateException");
        assertThat(lines()).hasSize(2);
        assertThat(Invocations.parse(lines().get(0)).get("status").asText()).isEqualTo("error");
    }

    @Test
    void theDeadlineLeavesTheSafetyMarginBeforeTheContextRunsOut() {
        Duration[] seen = new Duration[1];
        SyncTriggerHandler handler = handler(deadline -> {
            seen[0] = deadline.remaining();
            return new ApiRunReply("r", "completed", Optional.empty(), 0, null, null, Optional.empty(), "{}");
        });

        handler.handleRequest(Map.of(), new CommandLineContext(Duration.ofSeconds(5), System.err));

        assertThat(seen[0]).isLessThanOrEqualTo(Duration.ofSeconds(5).minus(Invocations.FAST.safetyMargin()))
                .isGreaterThan(Duration.ofSeconds(4));
    }
}
