package io.dbsync.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvocationReportTest {
    private static final long NOW = 1_795_000_000_000L;

    @ParameterizedTest(name = "{0} → level {5}, SyncSucceeded {6}")
    @CsvSource(nullValues = "NULL", value = {
            "completed,    run-1, 1234,   42, NULL,                        INFO,  1",
            "failed,       run-2,  987,    0, source connection lost,      ERROR, 0",
            "refused,      run-3,   15,    0, orders shrank by 90 %,       ERROR, 0",
            "timeout,      run-4, 840000, 7, timed out waiting for run-4, ERROR, 0",
            "error,        NULL,    12,    0, POST /syncdb answered HTTP 401, ERROR, 0",
            "config_error, NULL,     0,    0, DBSYNC_URL is not set,       ERROR, 0",
    })
    void theEmfLineParsesAndCarriesTheRightValues(String status, String runId, long durationMs, long documents,
                                                  String error, String level, int succeeded) {
        InvocationReport report = InvocationReport.of(status, runId, durationMs, documents, error);

        JsonNode emf = Invocations.parse(report.metricLine(NOW));
        JsonNode aws = emf.get("_aws");
        assertThat(aws.get("Timestamp").asLong()).isEqualTo(NOW);
        JsonNode directive = aws.get("CloudWatchMetrics").get(0);
        assertThat(aws.get("CloudWatchMetrics")).hasSize(1);
        assertThat(directive.get("Namespace").asText()).isEqualTo("DbSync");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
        assertThat(emf.get("Service").asText()).isEqualTo("dbsync");
        List<String> metrics = new ArrayList<>();
        directive.get("Metrics").forEach(m -> metrics.add(m.get("Name").asText() + ":" + m.get("Unit").asText()));
        assertThat(metrics).containsExactly("SyncSucceeded:Count", "SyncDurationMs:Milliseconds", "DocumentsCopied:Count");
        // Every metric named in the directive is a number at the root, as the EMF specification requires.
        assertThat(emf.get("SyncSucceeded").isNumber()).isTrue();
        assertThat(emf.get("SyncSucceeded").asInt()).isEqualTo(succeeded);
        assertThat(emf.get("SyncDurationMs").asLong()).isEqualTo(durationMs);
        assertThat(emf.get("DocumentsCopied").asLong()).isEqualTo(documents);
        assertThat(emf.has("level")).as("a level filter must never match the metric line").isFalse();

        JsonNode summary = Invocations.parse(report.summaryLine());
        assertThat(summary.get("level").asText()).isEqualTo(level);
        assertThat(summary.get("event").asText()).isEqualTo("dbsync.sync");
        assertThat(summary.get("status").asText()).isEqualTo(status);
        assertThat(summary.get("runId").isNull()).isEqualTo(runId == null);
        assertThat(summary.get("durationMs").asLong()).isEqualTo(durationMs);
        assertThat(summary.get("documents").asLong()).isEqualTo(documents);
        assertThat(summary.get("error").isNull()).isEqualTo(error == null);
        assertThat(report.succeeded()).isEqualTo(succeeded == 1);
    }

    @Test
    void theSummaryLineHasExactlyTheContractedMembersInOrder() {
        String line = InvocationReport.of("completed", "run-1", 5, 6, null).summaryLine();

        assertThat(line).isEqualTo("{\"level\":\"INFO\",\"event\":\"dbsync.sync\",\"status\":\"completed\","
                + "\"runId\":\"run-1\",\"durationMs\":5,\"documents\":6,\"error\":null,\"reason\":null}");
    }

    @Test
    void anErrorWithQuotesNewlinesAndUnicodeStaysOneValidJsonLine() {
        String error = "bad \"thing\"\nsecond line\t\u00e9\u0000";
        InvocationReport report = InvocationReport.of("failed", "r\"1", 1, 0, error);

        assertThat(report.summaryLine()).doesNotContain("\n");
        assertThat(Invocations.parse(report.summaryLine()).get("error").asText()).isEqualTo(error);
        assertThat(Invocations.parse(report.metricLine(NOW)).get("runId").asText()).isEqualTo("r\"1");
    }

    @Test
    void onlyCompletedCountsAsSuccess() {
        assertThat(InvocationReport.of("completed", null, 0, 0, null).succeeded()).isTrue();
        for (String status : List.of("failed", "refused", "running", "timeout", "error", "Completed", "completed ")) {
            assertThat(InvocationReport.of(status, null, 0, 0, null).succeeded()).as(status).isFalse();
        }
    }

    @Test
    void rejectsAMissingStatusAndNegativeNumbers() {
        assertThatThrownBy(() -> InvocationReport.of(null, null, 0, 0, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> InvocationReport.of(" ", null, 0, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InvocationReport.of("failed", null, -1, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InvocationReport.of("failed", null, 0, -1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusedRunCarriesItsReasonAndStaysAnErrorLine() {
        InvocationReport report = InvocationReport.of("refused", "run-5", 15, 0, "the standby has writes of its own")
                .withRefusal("standby_diverged");

        assertThat(report.summaryLine()).isEqualTo("{\"level\":\"ERROR\",\"event\":\"dbsync.sync\",\"status\":\"refused\","
                + "\"runId\":\"run-5\",\"durationMs\":15,\"documents\":0,"
                + "\"error\":\"the standby has writes of its own\",\"reason\":\"standby_diverged\"}");
        assertThat(report.succeeded()).isFalse();
        assertThat(Invocations.parse(report.metricLine(NOW)).get("SyncSucceeded").asInt()).isZero();
    }

    @Test
    void onlyARefusedRunMayHaveAReasonAndARefusalWithoutOneIsNull() {
        assertThatThrownBy(() -> InvocationReport.of("failed", "run-2", 1, 0, "x").withRefusal("paused"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(Invocations.parse(InvocationReport.of("refused", "run-5", 1, 0, "x").withRefusal(null).summaryLine())
                .get("reason").isNull()).isTrue();
        assertThat(InvocationReport.of("completed", "run-1", 1, 0, null).withRefusal(null).summaryLine())
                .endsWith(",\"reason\":null}");
    }

    @Test
    void aWrittenSnapshotAddsAnInfoLineWithItsBytesAndTwoMetrics() {
        InvocationReport report = InvocationReport.of("completed", "run-1", 5, 6, null)
                .withSnapshot(SnapshotOutcome.written(123_456));

        assertThat(report.snapshotLine()).contains("{\"level\":\"INFO\",\"event\":\"dbsync.snapshot\",\"status\":\"written\","
                + "\"runId\":\"run-1\",\"bytes\":123456}");
        JsonNode emf = Invocations.parse(report.metricLine(NOW));
        assertThat(metricsOf(emf)).containsExactly("SyncSucceeded:Count", "SyncDurationMs:Milliseconds",
                "DocumentsCopied:Count", "SnapshotSucceeded:Count", "SnapshotBytes:Bytes");
        assertThat(emf.get("SnapshotSucceeded").isNumber()).isTrue();
        assertThat(emf.get("SnapshotSucceeded").asInt()).isEqualTo(1);
        assertThat(emf.get("SnapshotBytes").asLong()).isEqualTo(123_456);
        assertThat(report.lines(NOW)).containsExactly(report.summaryLine(), report.metricLine(NOW), report.snapshotLine().get());
    }

    @Test
    void aFailedSnapshotAddsAnErrorLineWithItsReasonButLeavesACompletedRunASuccess() {
        InvocationReport report = InvocationReport.of("completed", "run-1", 5, 6, null)
                .withSnapshot(SnapshotOutcome.failed("bucket \"b\" not writable"));

        assertThat(report.snapshotLine()).contains("{\"level\":\"ERROR\",\"event\":\"dbsync.snapshot\",\"status\":\"failed\","
                + "\"runId\":\"run-1\",\"error\":\"bucket \\\"b\\\" not writable\"}");
        assertThat(report.succeeded()).isTrue();
        JsonNode emf = Invocations.parse(report.metricLine(NOW));
        assertThat(metricsOf(emf)).containsExactly("SyncSucceeded:Count", "SyncDurationMs:Milliseconds",
                "DocumentsCopied:Count", "SnapshotSucceeded:Count");
        assertThat(emf.get("SnapshotSucceeded").asInt()).isZero();
        assertThat(emf.has("SnapshotBytes")).isFalse();
        assertThat(emf.get("SyncSucceeded").asInt()).isEqualTo(1);
    }

    @Test
    void aSkippedOrAbsentSnapshotPrintsNothingAndHasNoMetric() {
        InvocationReport skipped = InvocationReport.of("completed", "run-1", 5, 6, null)
                .withSnapshot(new SnapshotOutcome("skipped", 0, "restore points paused"));
        InvocationReport absent = InvocationReport.of("completed", "run-1", 5, 6, null);

        for (InvocationReport report : List.of(skipped, absent)) {
            assertThat(report.snapshotLine()).isEmpty();
            assertThat(report.lines(NOW)).hasSize(2);
            assertThat(metricsOf(Invocations.parse(report.metricLine(NOW)))).hasSize(3);
            assertThat(Invocations.parse(report.metricLine(NOW)).has("SnapshotSucceeded")).isFalse();
        }
        assertThat(skipped.metricLine(NOW)).isEqualTo(absent.metricLine(NOW));
    }

    /** The SyncFailed filter, { ($.level = "ERROR") && ($.event = "dbsync.sync") }, over every line. */
    @Test
    void theRunFailureFilterMatchesOnceForARefusalAndNeverForASnapshotLine() {
        InvocationReport refused = InvocationReport.of("refused", "run-5", 15, 0, "paused by operator")
                .withRefusal("paused").withSnapshot(SnapshotOutcome.failed("disk full"));
        InvocationReport completed = InvocationReport.of("completed", "run-1", 5, 6, null)
                .withSnapshot(SnapshotOutcome.failed("disk full"));

        assertThat(refused.lines(NOW).stream().filter(InvocationReportTest::runFailureFilterMatches)).hasSize(1);
        assertThat(completed.lines(NOW).stream().filter(InvocationReportTest::runFailureFilterMatches)).isEmpty();
        assertThat(completed.lines(NOW)).hasSize(3);
    }

    private static boolean runFailureFilterMatches(String line) {
        JsonNode json = Invocations.parse(line);
        return "ERROR".equals(json.path("level").asText(null)) && "dbsync.sync".equals(json.path("event").asText(null));
    }

    private static List<String> metricsOf(JsonNode emf) {
        List<String> metrics = new ArrayList<>();
        emf.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics")
                .forEach(m -> metrics.add(m.get("Name").asText() + ":" + m.get("Unit").asText()));
        return metrics;
    }

    @Test
    void aSnapshotOutcomeOutsideTheContractCannotBeBuilt() {
        assertThatThrownBy(() -> new SnapshotOutcome("partial", 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SnapshotOutcome.written(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SnapshotOutcome(null, 0, null)).isInstanceOf(NullPointerException.class);
    }
}
