package io.dbsync.scheduler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static io.dbsync.scheduler.Invocations.env;
import static io.dbsync.scheduler.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Reliability case 15, the stall: the peer holds each request for 60 s. The HTTP timeout (2 s
 * here) must end each attempt within ±1 s, and the invocation must fail with one ERROR line.
 */
class StalledApiIT {
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RETRY_DELAY = Duration.ofMillis(100);
    /** Two attempts: enough to see a timeout retried, short enough for a quick suite. */
    private static final Pacing TWO_ATTEMPTS = new Pacing(Duration.ofMillis(300),
            Duration.ofMillis(20), Duration.ofMillis(100), RETRY_DELAY, RETRY_DELAY, 2);

    private FakePeer api;

    @BeforeEach
    void startApi() throws IOException {
        api = FakePeer.start();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void aStalledAnswerIsAbandonedAfterTheHttpTimeoutAndRetried() {
        api.on("POST", "/syncdb", api.stall());

        Invocations.Outcome outcome = invoke(env(api.baseUrl(), "DBSYNC_HTTP_TIMEOUT_SECONDS", "2"),
                TWO_ATTEMPTS, Duration.ofSeconds(30));
        long end = outcome.endNanos();

        List<FakePeer.Request> posts = api.requests();
        assertThat(posts).hasSize(2);
        double first = seconds(posts.get(1).arrivedNanos() - posts.get(0).arrivedNanos()) - seconds(RETRY_DELAY.toNanos());
        double second = seconds(end - posts.get(1).arrivedNanos());
        System.out.printf("httpTimeoutSeconds=%d attempt1Seconds=%.3f attempt2Seconds=%.3f httpTimeoutErrorSeconds=%.3f%n",
                HTTP_TIMEOUT.toSeconds(), first, second,
                Math.max(Math.abs(first - HTTP_TIMEOUT.toSeconds()), Math.abs(second - HTTP_TIMEOUT.toSeconds())));
        assertThat(first).isCloseTo(HTTP_TIMEOUT.toSeconds(), within(1.0));
        assertThat(second).isCloseTo(HTTP_TIMEOUT.toSeconds(), within(1.0));
        assertThat(outcome.failure()).isInstanceOf(ApiCallException.class)
                .hasMessageContaining("after 2 attempts").hasMessageContaining("HttpTimeoutException");
        assertThat(outcome.summary().get("level").asText()).isEqualTo("ERROR");
    }

    @Test
    void aBodyThatStallsAfterTheHeadersIsAbandonedAfterTheHttpTimeoutToo() {
        api.on("POST", "/syncdb", api.stallBody());
        Pacing oneAttempt = new Pacing(Duration.ofMillis(300), Duration.ofMillis(20), Duration.ofMillis(100),
                RETRY_DELAY, RETRY_DELAY, 1);

        Invocations.Outcome outcome = invoke(env(api.baseUrl(), "DBSYNC_HTTP_TIMEOUT_SECONDS", "2"),
                oneAttempt, Duration.ofSeconds(30));

        double took = outcome.elapsedMs() / 1000.0;
        System.out.printf("bodyStallSeconds=%.3f httpTimeoutErrorSeconds=%.3f%n", took, Math.abs(took - 2));
        assertThat(took).isCloseTo(HTTP_TIMEOUT.toSeconds(), within(1.0));
        assertThat(outcome.failure()).isInstanceOf(ApiCallException.class);
        assertThat(outcome.summary().get("level").asText()).isEqualTo("ERROR");
    }

    @Test
    void aStallLongerThanTheRemainingTimeEndsAtTheBudgetNotAtTheHttpTimeout() {
        api.on("POST", "/syncdb", api.stall());
        Duration budget = Duration.ofSeconds(3);

        // Default HTTP timeout (40 s) is far longer than what this invocation has left.
        Invocations.Outcome outcome = invoke(env(api.baseUrl(), "DBSYNC_HTTP_TIMEOUT_SECONDS", null),
                Invocations.FAST, budget);

        System.out.printf("budgetSeconds=3 timeToFailSeconds=%.3f%n", outcome.elapsedMs() / 1000.0);
        assertThat(outcome.elapsedMs()).isLessThan(budget.toMillis());
        assertThat(outcome.failure()).isInstanceOf(SyncTimeoutException.class)
                .hasMessageStartingWith("timed out starting the sync");
        assertThat(outcome.summary().get("status").asText()).isEqualTo("timeout");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
