package io.dbsync.scheduler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static io.dbsync.scheduler.FakePeer.json;
import static io.dbsync.scheduler.Invocations.env;
import static io.dbsync.scheduler.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;

/** Answers that are not the API's JSON fail the invocation cleanly: one ERROR line, no retry, no crash. */
class GarbageResponseIT {
    private FakePeer api;

    @BeforeEach
    void startApi() throws IOException {
        api = FakePeer.start();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "",
            "<html><body>Application Error</body></html>",
            "{",
            "{\"status\":\"completed\"",
            "{\"status\":\"completed\"} trailing",
            "{\"status\":42}",
            "{\"runId\":\"r\"}",
            "[\"completed\"]",
            "\"completed\"",
            "{'status':'completed'}",
            "{\"status\":\"completed\",}",
            "{\"status\":\"completed\",\"status\":\"failed\"}",
            "{\"status\":\"completed\",\"documents\":\"many\"}",
            "{\"status\":\"completed\",\"documents\":1e999999999}",
            "{\"status\":\"completed\",\"durationMs\":-5}",
            "{\"status\":\"compl\u0001eted\"}",
            "{\"status\":\"completed\",\"collections\":[1,2]}",
            "NaN",
    })
    void garbageFromTheStartRequestFailsCleanlyWithoutRetry(String body) {
        api.on("POST", "/syncdb", json(200, body));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertGarbageFailure(outcome);
    }

    @Test
    void deeplyNestedJsonFailsCleanlyInsteadOfOverflowingTheStack() {
        char[] brackets = new char[100_000];
        Arrays.fill(brackets, '[');
        api.on("POST", "/syncdb", json(200, new String(brackets)));

        assertGarbageFailure(invoke(env(api.baseUrl())));
    }

    @Test
    void aBodyThatIsNotUtf8FailsCleanly() {
        byte[] body = "{\"status\":\"completed\",\"error\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        api.on("POST", "/syncdb", FakePeer.bytes(200, body, Map.of()));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertGarbageFailure(outcome);
        assertThat(outcome.failure()).hasMessageContaining("not UTF-8");
    }

    @Test
    void anOversizedBodyIsCutOffAndNotRetried() {
        byte[] body = new byte[HttpExchange.MAX_BODY_BYTES + 1];
        Arrays.fill(body, (byte) ' ');
        api.on("POST", "/syncdb", FakePeer.bytes(200, body, Map.of()));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertGarbageFailure(outcome);
        assertThat(outcome.failure()).hasMessageContaining("larger than");
    }

    @Test
    void garbageWhilePollingFailsWithTheRunId() {
        api.on("POST", "/syncdb", json(202, "{\"runId\":\"run-1\",\"status\":\"running\"}"))
                .on("GET", "/runs/run-1", json(200, "<html>proxy error</html>"));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).isInstanceOf(ApiCallException.class).hasMessageContaining("GET /runs/run-1");
        assertThat(outcome.summary().get("level").asText()).isEqualTo("ERROR");
        assertThat(api.count("GET", "/runs/run-1")).isEqualTo(1);
    }

    @Test
    void aRunIdThatIsNotAPlainTokenIsNeverPutIntoAUrl() {
        api.on("POST", "/syncdb", json(202, "{\"runId\":\"../admin?x=1\",\"status\":\"running\"}"));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).hasMessageContaining("not a plain token");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void anAcceptedAnswerWithoutAnyRunIdFails() {
        api.on("POST", "/syncdb", json(202, "{\"status\":\"running\"}"));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).hasMessageContaining("without a run id");
    }

    private void assertGarbageFailure(Invocations.Outcome outcome) {
        assertThat(outcome.failure()).isInstanceOf(ApiCallException.class);
        assertThat(outcome.summary().get("level").asText()).isEqualTo("ERROR");
        assertThat(outcome.summary().get("status").asText()).isEqualTo("error");
        assertThat(outcome.metric().get("SyncSucceeded").asInt()).isZero();
        assertThat(api.requests()).hasSize(1);
    }
}
