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
 * The deployed metric filter pattern (taken from the synthesised template) run over the log
 * lines the scheduler really prints — produced by its {@link InvocationReport}, not typed here —
 * and over the other lines that land in the same log group.
 */
class FailureLinePatternTest {

    private static final List<String> FAILURE_STATUSES = List.of("failed", "refused", "timeout", "error", "config_error", "secret_error");
    private static final long NOW = 1_764_000_000_000L;

    private static Template template;
    private static CloudWatchJsonFilter deployed;

    @BeforeAll
    static void synthesise() {
        template = TestStacks.template(TestStacks.typicalContext());
        deployed = TestStacks.deployedFilter(template, SchedulerContract.METRIC_SYNC_FAILURE_LINES);
    }

    /** Every line a failing invocation's summary could be, with and without a run id and message. */
    static List<String> failureLines() {
        List<String> lines = new ArrayList<>();
        for (String status : FAILURE_STATUSES) {
            lines.add(InvocationReport.of(status, "run-42", 1_234, 10, "dbsync run " + status + ": boom").summaryLine());
            lines.add(InvocationReport.of(status, null, 0, 0, null).summaryLine());
            lines.add(InvocationReport.of(status, "r", 5, 0, "quote \" backslash \\ newline \n unicode é ✓").summaryLine());
        }
        return lines;
    }

    /** Everything else in the log group: success summaries, EMF lines, Lambda's own lines. */
    static List<String> otherLines() {
        List<String> lines = new ArrayList<>();
        lines.add(InvocationReport.of("completed", "run-42", 9_876, 12_345, null).summaryLine());
        lines.add(InvocationReport.of("completed", null, 0, 0, "ERROR in a message is not a failure").summaryLine());
        lines.add(InvocationReport.of("completed", "run-1", 1, 1, null).metricLine(NOW));
        for (String status : FAILURE_STATUSES) {
            // One failure is counted once: its EMF line must not match as well.
            lines.add(InvocationReport.of(status, "run-42", 1_234, 10, "boom").metricLine(NOW));
        }
        lines.add("INIT_START Runtime Version: java:21.v34 Runtime Version ARN: arn:aws:lambda:eu-west-1::runtime:abc");
        lines.add("START RequestId: 3f1c0e5a-8d0e-4c8b-9c53-2f0e1b1f1a11 Version: $LATEST");
        lines.add("END RequestId: 3f1c0e5a-8d0e-4c8b-9c53-2f0e1b1f1a11");
        lines.add("REPORT RequestId: 3f1c0e5a-8d0e-4c8b-9c53-2f0e1b1f1a11 Duration: 30012.55 ms Billed Duration: 30013 ms"
                + " Memory Size: 512 MB Max Memory Used: 140 MB Init Duration: 612.20 ms");
        lines.add("2026-11-24T10:00:00.000Z 3f1c0e5a Task timed out after 300.00 seconds");
        // How the Java runtime reports the exception the handler throws after its ERROR line.
        lines.add("{\"errorMessage\":\"dbsync run failed: status=failed\",\"errorType\":\"io.dbsync.scheduler.SyncFailedException\","
                + "\"stackTrace\":[\"io.dbsync.scheduler.SyncTriggerHandler.handleRequest(SyncTriggerHandler.java:80)\"]}");
        lines.add("[AWS Parameters and Secrets Lambda Extension] 2026/11/24 10:00:00 PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL is WARN");
        lines.add("{\"level\":\"ERROR\",\"event\":\"dbsync.http.retry\",\"message\":\"503 from API, retrying\"}");
        lines.add("{\"level\":\"WARN\",\"event\":\"dbsync.sync\",\"status\":\"running\"}");
        return lines;
    }

    @Test
    void matchesEveryFailureSummaryTheSchedulerPrints() {
        List<String> missed = failureLines().stream().filter(line -> !deployed.matches(line)).toList();
        System.out.println("case24 metric filter: falseNegatives=" + missed.size() + "/" + failureLines().size());
        assertThat(missed).as("false negatives").isEmpty();
    }

    @Test
    void matchesNoOtherLineInTheLogGroup() {
        List<String> wrong = otherLines().stream().filter(deployed::matches).toList();
        System.out.println("case24 metric filter: falsePositives=" + wrong.size() + "/" + otherLines().size());
        assertThat(wrong).as("false positives").isEmpty();
    }

    @Test
    void usesTheNamespaceAndDimensionsOfTheSchedulersMetricLineForTheFreshnessAlarm() throws Exception {
        JsonNode emf = new ObjectMapper().readTree(InvocationReport.of("completed", "r", 1, 1, null).metricLine(NOW));
        JsonNode directive = emf.get("_aws").get("CloudWatchMetrics").get(0);
        List<Map<String, Object>> expectedDimensions = new ArrayList<>();
        for (JsonNode name : directive.get("Dimensions").get(0)) {
            expectedDimensions.add(Map.of("Name", name.asText(), "Value", emf.get(name.asText()).asText()));
        }
        Map<String, Object> stale = TestStacks.alarm(template, "SyncStale");
        assertThat(stale.get("Namespace")).isEqualTo(directive.get("Namespace").asText());
        assertThat(stale.get("Dimensions")).isEqualTo(expectedDimensions);
    }

    @Test
    void watchesAMetricTheSchedulerActuallyEmits() throws Exception {
        JsonNode emf = new ObjectMapper().readTree(InvocationReport.of("completed", "r", 1, 1, null).metricLine(NOW));
        List<String> emitted = new ArrayList<>();
        emf.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").forEach(m -> emitted.add(m.get("Name").asText()));
        assertThat(emitted).contains((String) TestStacks.alarm(template, "SyncStale").get("MetricName"));
    }
}
