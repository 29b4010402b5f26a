package io.dbsync.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.dbsync.scheduler.ApiResults.completed;
import static io.dbsync.scheduler.ApiResults.error;
import static io.dbsync.scheduler.ApiResults.result;
import static io.dbsync.scheduler.ApiResults.running;
import static io.dbsync.scheduler.FakePeer.json;
import static io.dbsync.scheduler.Invocations.env;
import static io.dbsync.scheduler.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;

/** The handler against a fake API on loopback that answers by the contract in docs/api.md. */
class SyncTriggerHandlerIT {
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
    void aCompletedRunIsReturnedWithOneInfoLineAndASuccessMetric() {
        api.on("POST", "/syncdb", json(200, completed("run-1", 42)));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.result()).isEqualTo(completed("run-1", 42));
        JsonNode summary = outcome.summary();
        assertThat(summary.get("level").asText()).isEqualTo("INFO");
        assertThat(summary.get("event").asText()).isEqualTo("dbsync.sync");
        assertThat(summary.get("status").asText()).isEqualTo("completed");
        assertThat(summary.get("runId").asText()).isEqualTo("run-1");
        assertThat(summary.get("durationMs").asLong()).isEqualTo(1234);
        assertThat(summary.get("documents").asLong()).isEqualTo(42);
        assertThat(summary.get("error").isNull()).isTrue();
        assertThat(outcome.metric().get("SyncSucceeded").asInt()).isEqualTo(1);
        assertThat(outcome.metric().get("DocumentsCopied").asLong()).isEqualTo(42);
    }

    @Test
    void theStartRequestIsAnAuthenticatedJsonPost() {
        api.on("POST", "/syncdb", json(200, completed("run-1", 42)));

        invoke(env(api.baseUrl()));

        FakePeer.Request post = api.requests().get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/syncdb");
        assertThat(post.header("Authorization")).isEqualTo(Invocations.basic(Invocations.USERNAME, Invocations.PASSWORD));
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        assertThat(post.body()).isEqualTo("{}");
    }

    @Test
    void aBaseUrlWithAPathPrefixAndTrailingSlashIsHonoured() {
        api.on("POST", "/dbsync/syncdb", json(200, completed("run-1", 42)));

        Invocations.Outcome outcome = invoke(env(api.baseUrl(), "DBSYNC_URL", api.baseUrl() + "/dbsync/"));

        assertThat(outcome.failure()).isNull();
        assertThat(api.count("POST", "/dbsync/syncdb")).isEqualTo(1);
    }

    @Test
    void anAcceptedRunIsPolledUntilItCompletes() {
        api.on("POST", "/syncdb", json(202, "{\"runId\":\"run-7\",\"status\":\"running\"}", Map.of("Location", "/runs/run-7")))
                .on("GET", "/runs/run-7", json(200, running("run-7")), json(200, running("run-7")),
                        json(200, completed("run-7", 10)));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.result()).isEqualTo(completed("run-7", 10));
        assertThat(api.count("POST", "/syncdb")).isEqualTo(1);
        assertThat(api.count("GET", "/runs/run-7")).isEqualTo(3);
        assertThat(api.requests()).allSatisfy(r -> assertThat(r.header("Authorization"))
                .isEqualTo(Invocations.basic(Invocations.USERNAME, Invocations.PASSWORD)));
        assertThat(outcome.summary().get("runId").asText()).isEqualTo("run-7");
    }

    @Test
    void anAcceptedRunWithoutAnIdInTheBodyIsFoundThroughTheLocationHeader() {
        api.on("POST", "/syncdb", json(202, "accepted", Map.of("Location", "/runs/run-8")))
                .on("GET", "/runs/run-8", json(200, completed("run-8", 1)));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).isNull();
        assertThat(api.count("GET", "/runs/run-8")).isEqualTo(1);
    }

    @Test
    void aConflictFollowsTheRunThatIsAlreadyGoing() {
        api.on("POST", "/syncdb", json(409, "{\"error\":\"a sync is already running\",\"status\":409,\"runId\":\"run-3\"}"))
                .on("GET", "/runs/run-3", json(200, running("run-3")), json(200, completed("run-3", 5)));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.summary().get("runId").asText()).isEqualTo("run-3");
        assertThat(api.count("POST", "/syncdb")).isEqualTo(1);
        assertThat(api.count("GET", "/runs/run-3")).isEqualTo(2);
    }

    @Test
    void aFailedRunFailsTheInvocationWithOneErrorLineAndNoRetry() {
        api.on("POST", "/syncdb", json(500, result("run-4", "failed", 0, "source connection lost in orders")));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).isInstanceOf(SyncFailedException.class)
                .hasMessage("run run-4 ended with status failed: source connection lost in orders");
        JsonNode summary = outcome.summary();
        assertThat(summary.get("level").asText()).isEqualTo("ERROR");
        assertThat(summary.get("status").asText()).isEqualTo("failed");
        assertThat(summary.get("runId").asText()).isEqualTo("run-4");
        assertThat(summary.get("error").asText()).isEqualTo("source connection lost in orders");
        assertThat(outcome.metric().get("SyncSucceeded").asInt()).isZero();
        assertThat(api.count("POST", "/syncdb")).isEqualTo(1);
    }

    @Test
    void aRefusedRunIsAFailure() {
        api.on("POST", "/syncdb", json(200, result("run-5", "refused", 0, "orders shrank by 90 %")));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).isInstanceOf(SyncFailedException.class);
        assertThat(outcome.failure().status()).isEqualTo("refused");
        assertThat(outcome.summary().get("level").asText()).isEqualTo("ERROR");
        assertThat(outcome.summary().get("status").asText()).isEqualTo("refused");
    }

    @Test
    void aRunThatFailsWhileBeingPolledIsAFailure() {
        api.on("POST", "/syncdb", json(202, "{\"runId\":\"run-6\",\"status\":\"running\"}"))
                .on("GET", "/runs/run-6", json(200, result("run-6", "failed", 0, "target quota exceeded")));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).hasMessageContaining("run-6").hasMessageContaining("target quota exceeded");
        assertThat(outcome.summary().get("status").asText()).isEqualTo("failed");
    }

    @Test
    void aWrongPasswordFailsWithOneErrorLineAndIsNeverRetried() {
        api.on("POST", "/syncdb", json(401, error(401, "invalid credentials"),
                Map.of("WWW-Authenticate", "Basic realm=\"dbsync\", charset=\"UTF-8\"")));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(api.requests()).hasSize(1);
        assertThat(outcome.failure()).isInstanceOf(ApiCallException.class).hasMessageContaining("HTTP 401");
        assertThat(outcome.lines().stream().filter(l -> l.contains("\"level\":\"ERROR\""))).hasSize(1);
        assertThat(outcome.summary().get("status").asText()).isEqualTo("error");
        System.out.println("wrongPasswordRequests=" + api.requests().size());
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 403, 404, 405, 413, 429, 500, 501})
    void clientErrorsThrottlingAndBareServerErrorsAreNeverRetried(int status) {
        api.on("POST", "/syncdb", json(status, error(status, "nope"), Map.of("Retry-After", "1")));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(api.requests()).hasSize(1);
        assertThat(outcome.failure()).isInstanceOf(ApiCallException.class).hasMessageContaining("HTTP " + status);
        assertThat(outcome.summary().get("level").asText()).isEqualTo("ERROR");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {502, 503, 504})
    void aGatewayErrorIsRetriedAndTheRetryCanSucceed(int status) {
        api.on("POST", "/syncdb", json(status, "<html>bad gateway</html>"), json(200, completed("run-1", 42)));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).isNull();
        assertThat(api.count("POST", "/syncdb")).isEqualTo(2);
        System.out.println("requestsAfter" + status + "=" + api.count("POST", "/syncdb"));
    }

    @Test
    void aGatewayErrorThatPersistsFailsAfterTheLastAttempt() {
        api.on("POST", "/syncdb", json(503, "down for maintenance"));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(api.count("POST", "/syncdb")).isEqualTo(Invocations.FAST.maxAttempts());
        assertThat(outcome.failure()).isInstanceOf(ApiCallException.class)
                .hasMessageContaining("after 4 attempts").hasMessageContaining("HTTP 503");
        assertThat(outcome.summary().get("level").asText()).isEqualTo("ERROR");
    }

    @Test
    void aTransientErrorWhilePollingIsRetried() {
        api.on("POST", "/syncdb", json(202, "{\"runId\":\"run-2\",\"status\":\"running\"}"))
                .on("GET", "/runs/run-2", json(503, ""), json(200, completed("run-2", 3)));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).isNull();
        assertThat(api.count("GET", "/runs/run-2")).isEqualTo(2);
    }

    @Test
    void anUnknownRunWhilePollingFailsWithItsId() {
        api.on("POST", "/syncdb", json(202, "{\"runId\":\"run-gone\",\"status\":\"running\"}"))
                .on("GET", "/runs/run-gone", json(404, error(404, "no such run")));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).hasMessageContaining("GET /runs/run-gone answered HTTP 404");
        assertThat(outcome.summary().get("runId").asText()).isEqualTo("run-gone");
    }

    @Test
    void theTimeBudgetIsRespectedWhenTheRunNeverEnds() {
        api.on("POST", "/syncdb", json(202, "{\"runId\":\"run-9\",\"status\":\"running\"}"))
                .on("GET", "/runs/run-9", json(200, running("run-9")));
        Duration budget = Duration.ofSeconds(2);

        Invocations.Outcome outcome = invoke(env(api.baseUrl()), Invocations.FAST, budget);

        assertThat(outcome.failure()).isInstanceOf(SyncTimeoutException.class)
                .hasMessageStartingWith("timed out waiting for run run-9");
        assertThat(outcome.summary().get("status").asText()).isEqualTo("timeout");
        assertThat(outcome.summary().get("level").asText()).isEqualTo("ERROR");
        assertThat(outcome.summary().get("runId").asText()).isEqualTo("run-9");
        // Ended before the context's time ran out, and not long before the safety margin began.
        assertThat(outcome.elapsedMs()).isLessThan(budget.toMillis())
                .isGreaterThanOrEqualTo(budget.minus(Invocations.FAST.safetyMargin()).toMillis()
                        - SyncTrigger.MIN_POLL_WINDOW.toMillis());
        System.out.println("budgetMs=" + budget.toMillis() + " timeToFailMs=" + outcome.elapsedMs()
                + " polls=" + api.count("GET", "/runs/run-9"));
    }

    @Test
    void thePublicFactoryPointsTheProductionHandlerAtAnyBaseUrl() {
        api.on("POST", "/syncdb", json(200, completed("run-1", 42)));
        ByteArrayOutputStream lines = new ByteArrayOutputStream();

        String result = SyncTriggerHandler.withEnvironment(env(api.baseUrl()),
                        new PrintStream(lines, true, StandardCharsets.UTF_8))
                .handleRequest(Map.of(), new CommandLineContext(Duration.ofSeconds(30), System.err));

        assertThat(result).isEqualTo(completed("run-1", 42));
        assertThat(lines.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
    }

    @Test
    void aRedirectIsNotFollowedSoCredentialsStayWithTheConfiguredHost() throws IOException {
        try (FakePeer elsewhere = FakePeer.start()) {
            elsewhere.on("POST", "/syncdb", json(200, completed("run-1", 1)));
            api.on("POST", "/syncdb", json(307, "", Map.of("Location", elsewhere.baseUrl() + "/syncdb")));

            Invocations.Outcome outcome = invoke(env(api.baseUrl()));

            assertThat(outcome.failure()).hasMessageContaining("HTTP 307");
            assertThat(elsewhere.requests()).isEmpty();
        }
    }
}
