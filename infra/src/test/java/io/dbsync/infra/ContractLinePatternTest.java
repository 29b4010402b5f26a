package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.scheduler.InvocationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The deployed filter patterns over the log lines agreed with the API and scheduler side for
 * issues 13 and 15 (typed here in exactly the agreed shape, as the scheduler does not print them
 * yet): a refusal's summary line gains a {@code reason}; a due restore point adds a
 * {@code dbsync.snapshot} line and {@code SnapshotSucceeded}/{@code SnapshotBytes} EMF metrics.
 */
class ContractLinePatternTest {

    private static final List<String> REFUSAL_REASONS = List.of("standby_diverged", "paused", "deletion_guard", "storage_limit");

    private static Template template;
    private static CloudWatchJsonFilter syncFailed;
    private static CloudWatchJsonFilter snapshotFailed;
    private static CloudWatchJsonFilter completed;

    @BeforeAll
    static void synthesise() {
        template = TestStacks.template(TestStacks.lambdaContext("snapshots", "true", "snapshotEveryHours", "24"));
        syncFailed = TestStacks.deployedFilter(template, SchedulerContract.METRIC_SYNC_FAILURE_LINES);
        snapshotFailed = TestStacks.deployedFilter(template, SchedulerContract.METRIC_SNAPSHOT_FAILURE_LINES);
        completed = TestStacks.deployedFilter(template, SchedulerContract.METRIC_SYNC_COMPLETED_LINES);
    }

    static String refusal(String reason) {
        return "{\"level\":\"ERROR\",\"event\":\"dbsync.sync\",\"status\":\"refused\",\"reason\":\"" + reason + "\","
                + "\"runId\":\"run-7\",\"durationMs\":412,\"documents\":0,\"error\":\"refused: " + reason + "\"}";
    }

    /** The same refusal with {@code reason} as the last member: the filter must not depend on member order. */
    static String refusalReasonLast(String reason) {
        return "{\"level\":\"ERROR\",\"event\":\"dbsync.sync\",\"status\":\"refused\",\"runId\":\"run-7\",\"durationMs\":412,"
                + "\"documents\":0,\"error\":\"paused: failover drill, by alice at 2026-11-27T10:00:00Z\",\"reason\":\"" + reason + "\"}";
    }

    static final String SNAPSHOT_FAILED = "{\"level\":\"ERROR\",\"event\":\"dbsync.snapshot\",\"status\":\"failed\","
            + "\"runId\":\"run-8\",\"error\":\"upload to s3://bucket/restore-points aborted: connection reset\"}";
    static final String SNAPSHOT_WRITTEN = "{\"level\":\"INFO\",\"event\":\"dbsync.snapshot\",\"status\":\"written\","
            + "\"runId\":\"run-8\",\"bytes\":52428800}";

    static String metricLineWithSnapshot(int succeeded) {
        return "{\"_aws\":{\"Timestamp\":1764237600000,\"CloudWatchMetrics\":[{\"Namespace\":\"DbSync\","
                + "\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"SyncSucceeded\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"SyncDurationMs\",\"Unit\":\"Milliseconds\"},{\"Name\":\"DocumentsCopied\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"SnapshotSucceeded\",\"Unit\":\"Count\"},{\"Name\":\"SnapshotBytes\",\"Unit\":\"Bytes\"}]}]},"
                + "\"Service\":\"dbsync\",\"SyncSucceeded\":1,\"SyncDurationMs\":9876,\"DocumentsCopied\":12345,"
                + "\"SnapshotSucceeded\":" + succeeded + ",\"SnapshotBytes\":52428800,\"status\":\"completed\",\"runId\":\"run-8\"}";
    }

    /** Everything one scheduled invocation that is refused puts in the log group. */
    static List<String> refusedInvocation(String reason) {
        return List.of(
                "START RequestId: 3f1c0e5a-8d0e-4c8b-9c53-2f0e1b1f1a11 Version: $LATEST",
                refusal(reason),
                InvocationReport.of("refused", "run-7", 412, 0, "refused").metricLine(1_764_237_600_000L),
                "{\"errorMessage\":\"dbsync run refused\",\"errorType\":\"io.dbsync.scheduler.SyncFailedException\"}",
                "END RequestId: 3f1c0e5a-8d0e-4c8b-9c53-2f0e1b1f1a11",
                "REPORT RequestId: 3f1c0e5a-8d0e-4c8b-9c53-2f0e1b1f1a11 Duration: 812.55 ms Billed Duration: 813 ms");
    }

    @Test
    void syncFailedCountsEveryRefusalWhateverItsReason() {
        List<String> lines = new ArrayList<>();
        REFUSAL_REASONS.forEach(reason -> {
            lines.add(refusal(reason));
            lines.add(refusalReasonLast(reason));
        });
        assertThat(lines).allMatch(syncFailed::matches);
    }

    @Test
    void syncFailedCountsADivergedStandbyOncePerScheduledRun() {
        assertThat(refusedInvocation("standby_diverged").stream().filter(syncFailed::matches).count()).isEqualTo(1);
    }

    @Test
    void syncFailedCountsAPausedStandbyOncePerScheduledRun() {
        assertThat(refusedInvocation("paused").stream().filter(syncFailed::matches).count()).isEqualTo(1);
    }

    @Test
    void syncFailedIgnoresRestorePointLinesSoAFailedRestorePointDoesNotFailTheRun() {
        assertThat(List.of(SNAPSHOT_FAILED, SNAPSHOT_WRITTEN, metricLineWithSnapshot(0))).noneMatch(syncFailed::matches);
    }

    @Test
    void snapshotFailedCountsTheFailedRestorePointLine() {
        assertThat(snapshotFailed.matches(SNAPSHOT_FAILED)).isTrue();
    }

    @Test
    void snapshotFailedIgnoresEveryOtherLineTheSchedulerPrints() {
        List<String> others = new ArrayList<>(List.of(SNAPSHOT_WRITTEN, metricLineWithSnapshot(0), metricLineWithSnapshot(1)));
        others.addAll(FailureLinePatternTest.failureLines());
        others.addAll(FailureLinePatternTest.otherLines());
        REFUSAL_REASONS.forEach(reason -> others.add(refusal(reason)));
        assertThat(others).noneMatch(snapshotFailed::matches);
    }

    @Test
    void completedCountsTheCompletedSummaryLineOnly() {
        String completedLine = InvocationReport.of("completed", "run-9", 9_876, 12_345, null).summaryLine();
        List<String> others = new ArrayList<>(FailureLinePatternTest.failureLines());
        others.addAll(List.of(SNAPSHOT_FAILED, SNAPSHOT_WRITTEN, metricLineWithSnapshot(1),
                InvocationReport.of("completed", "run-9", 1, 1, null).metricLine(1_764_237_600_000L)));
        REFUSAL_REASONS.forEach(reason -> others.add(refusal(reason)));

        assertThat(completed.matches(completedLine)).isTrue();
        assertThat(others).noneMatch(completed::matches);
    }

    @Test
    void theMissingRestorePointAlarmWatchesAMetricOfTheAgreedMetricLine() throws Exception {
        JsonNode emf = new ObjectMapper().readTree(metricLineWithSnapshot(1));
        JsonNode directive = emf.get("_aws").get("CloudWatchMetrics").get(0);
        List<String> emitted = new ArrayList<>();
        directive.get("Metrics").forEach(m -> emitted.add(m.get("Name").asText()));
        Map<String, Object> missing = TestStacks.propertiesOf(template, "AWS::CloudWatch::Alarm", "RestorePointAlarmsSnapshotMissing");

        assertThat(emitted).contains((String) missing.get("MetricName"));
        assertThat(missing.get("Namespace")).isEqualTo(directive.get("Namespace").asText());
        assertThat(missing.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "Service", "Value", emf.get("Service").asText())));
    }
}
