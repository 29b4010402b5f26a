package io.dbsync.scheduler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;

import static io.dbsync.scheduler.ApiResults.completed;
import static io.dbsync.scheduler.ApiResults.result;
import static io.dbsync.scheduler.ApiResults.running;
import static io.dbsync.scheduler.ApiResults.snapshot;
import static io.dbsync.scheduler.ApiResults.with;
import static io.dbsync.scheduler.FakePeer.json;
import static io.dbsync.scheduler.Invocations.env;
import static io.dbsync.scheduler.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issues 13 and 15 end to end through the handler and a fake API on loopback: the refusal reason
 * and the snapshot outcome, every printed line compared whole (only the EMF timestamp, the wall
 * clock, is masked).
 */
class RefusalAndSnapshotIT {
    private static final String EMF_HEAD = "{\"_aws\":{\"Timestamp\":T,\"CloudWatchMetrics\":[{\"Namespace\":\"DbSync\","
            + "\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"SyncSucceeded\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"SyncDurationMs\",\"Unit\":\"Milliseconds\"},{\"Name\":\"DocumentsCopied\",\"Unit\":\"Count\"}";
    private static final String SNAPSHOT_SUCCEEDED = ",{\"Name\":\"SnapshotSucceeded\",\"Unit\":\"Count\"}";
    private static final String SNAPSHOT_BYTES = ",{\"Name\":\"SnapshotBytes\",\"Unit\":\"Bytes\"}";
    private static final String EMF_TAIL = "]}]},\"Service\":\"dbsync\",";

    private FakePeer api;

    @BeforeEach
    void startApi() throws IOException {
        api = FakePeer.start();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    private static List<String> masked(Invocations.Outcome outcome) {
        return outcome.lines().stream().map(l -> l.replaceFirst("\"Timestamp\":\\d+,", "\"Timestamp\":T,")).toList();
    }

    @ParameterizedTest(name = "refusal {0}")
    @ValueSource(strings = {"standby_diverged", "paused", "deletion_guard", "storage_limit", "some_future_reason"})
    void aRefusedRunPrintsItsReasonAndFailsTheInvocation(String refusal) {
        api.on("POST", "/syncdb", json(200, with(result("run-5", "refused", 0, "not this time"),
                "\"refusal\":\"" + refusal + "\",\"snapshot\":null")));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(masked(outcome)).containsExactly(
                "{\"level\":\"ERROR\",\"event\":\"dbsync.sync\",\"status\":\"refused\",\"runId\":\"run-5\","
                        + "\"durationMs\":1234,\"documents\":0,\"error\":\"not this time\",\"reason\":\"" + refusal + "\"}",
                EMF_HEAD + EMF_TAIL + "\"SyncSucceeded\":0,\"SyncDurationMs\":1234,\"DocumentsCopied\":0,"
                        + "\"status\":\"refused\",\"runId\":\"run-5\"}");
        assertThat(outcome.failure()).isInstanceOf(SyncFailedException.class)
                .hasMessage("run run-5 ended with status refused (" + refusal + "): not this time");
        assertThat(outcome.failure().status()).isEqualTo("refused");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void aRunRefusedAsDivergedWhileBeingPolledIsReportedTheSameWay() {
        api.on("POST", "/syncdb", json(202, "{\"runId\":\"run-6\",\"status\":\"running\"}"))
                .on("GET", "/runs/run-6", json(200, running("run-6")),
                        json(200, with(result("run-6", "refused", 0, "standby changed since run-4"), "\"refusal\":\"standby_diverged\"")));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(masked(outcome)).containsExactly(
                "{\"level\":\"ERROR\",\"event\":\"dbsync.sync\",\"status\":\"refused\",\"runId\":\"run-6\",\"durationMs\":1234,"
                        + "\"documents\":0,\"error\":\"standby changed since run-4\",\"reason\":\"standby_diverged\"}",
                EMF_HEAD + EMF_TAIL + "\"SyncSucceeded\":0,\"SyncDurationMs\":1234,\"DocumentsCopied\":0,"
                        + "\"status\":\"refused\",\"runId\":\"run-6\"}");
        assertThat(outcome.failure()).isInstanceOf(SyncFailedException.class);
    }

    @Test
    void aCompletedRunWithAFailedSnapshotSucceedsAndPrintsASnapshotErrorLine() {
        String body = with(completed("run-1", 42), snapshot("failed", 0, "bucket dbsync-restore is not writable"));
        api.on("POST", "/syncdb", json(200, body));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(masked(outcome)).containsExactly(
                "{\"level\":\"INFO\",\"event\":\"dbsync.sync\",\"status\":\"completed\",\"runId\":\"run-1\",\"durationMs\":1234,"
                        + "\"documents\":42,\"error\":null,\"reason\":null}",
                EMF_HEAD + SNAPSHOT_SUCCEEDED + EMF_TAIL + "\"SyncSucceeded\":1,\"SyncDurationMs\":1234,\"DocumentsCopied\":42,"
                        + "\"SnapshotSucceeded\":0,\"status\":\"completed\",\"runId\":\"run-1\"}",
                "{\"level\":\"ERROR\",\"event\":\"dbsync.snapshot\",\"status\":\"failed\",\"runId\":\"run-1\","
                        + "\"error\":\"bucket dbsync-restore is not writable\"}");
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.result()).isEqualTo(body);
    }

    @Test
    void aCompletedRunWithAWrittenSnapshotPrintsItsBytes() {
        api.on("POST", "/syncdb", json(200, with(completed("run-1", 42), snapshot("written", 7_340_032, null))));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(masked(outcome)).containsExactly(
                "{\"level\":\"INFO\",\"event\":\"dbsync.sync\",\"status\":\"completed\",\"runId\":\"run-1\",\"durationMs\":1234,"
                        + "\"documents\":42,\"error\":null,\"reason\":null}",
                EMF_HEAD + SNAPSHOT_SUCCEEDED + SNAPSHOT_BYTES + EMF_TAIL + "\"SyncSucceeded\":1,\"SyncDurationMs\":1234,"
                        + "\"DocumentsCopied\":42,\"SnapshotSucceeded\":1,\"SnapshotBytes\":7340032,"
                        + "\"status\":\"completed\",\"runId\":\"run-1\"}",
                "{\"level\":\"INFO\",\"event\":\"dbsync.snapshot\",\"status\":\"written\",\"runId\":\"run-1\",\"bytes\":7340032}");
        assertThat(outcome.failure()).isNull();
    }

    @Test
    void aSkippedSnapshotPrintsNoSnapshotLine() {
        api.on("POST", "/syncdb", json(200, with(completed("run-1", 42), snapshot("skipped", 0, "nothing changed"))));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.lines()).hasSize(2);
        assertThat(outcome.metric().has("SnapshotSucceeded")).isFalse();
        assertThat(outcome.failure()).isNull();
    }

    @Test
    void aFailedRunWithAFailedSnapshotFailsOnceForTheRunAndOnceForTheSnapshot() {
        api.on("POST", "/syncdb", json(500, with(result("run-4", "failed", 0, "source connection lost"),
                snapshot("failed", 0, "disk full"))));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).isInstanceOf(SyncFailedException.class)
                .hasMessage("run run-4 ended with status failed: source connection lost");
        assertThat(outcome.lines()).hasSize(3);
        assertThat(outcome.lines().stream().map(Invocations::parse)
                .filter(l -> l.path("level").asText().equals("ERROR") && l.path("event").asText().equals("dbsync.sync")))
                .hasSize(1);
        assertThat(outcome.lines().get(2)).isEqualTo("{\"level\":\"ERROR\",\"event\":\"dbsync.snapshot\","
                + "\"status\":\"failed\",\"runId\":\"run-4\",\"error\":\"disk full\"}");
    }

    @Test
    void aSnapshotOutsideTheContractIsAnUnreadableAnswerNotASilentDefault() {
        api.on("POST", "/syncdb", json(200, with(completed("run-1", 42), "\"snapshot\":{\"status\":\"partial\",\"bytes\":1}")),
                json(200, completed("run-1", 42)));

        Invocations.Outcome outcome = invoke(env(api.baseUrl()));

        assertThat(outcome.failure()).isInstanceOf(ApiCallException.class)
                .hasMessageContaining("not the expected JSON").hasMessageContaining("snapshot.status");
        assertThat(outcome.summary().get("status").asText()).isEqualTo("error");
        assertThat(api.requests()).hasSize(1);
        assertThat(outcome.lines()).hasSize(2);
    }
}
