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
                + "\"runId\":\"run-1\",\"durationMs\":5,\"documents\":6,\"error\":null}");
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
}
