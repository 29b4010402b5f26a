package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The CloudWatch dashboard: what it shows, read back from the synthesised dashboard body. */
class SyncDashboardTest {

    private static Template template;
    private static JsonNode body;

    @BeforeAll
    static void synthesise() throws Exception {
        template = TestStacks.template(TestStacks.typicalContext());
        body = body(template);
    }

    /**
     * The dashboard body as JSON. CloudFormation builds it with Fn::Join around references; each
     * reference is written here as its logical id (or "id.Attribute"), which keeps the JSON valid.
     */
    @SuppressWarnings("unchecked")
    static JsonNode body(Template template) throws Exception {
        Object raw = TestStacks.onlyProperties(template, "AWS::CloudWatch::Dashboard").get("DashboardBody");
        StringBuilder text = new StringBuilder();
        if (raw instanceof String s) {
            text.append(s);
        } else {
            List<Object> parts = (List<Object>) ((List<Object>) ((Map<String, Object>) raw).get("Fn::Join")).get(1);
            for (Object part : parts) {
                if (part instanceof String s) {
                    text.append(s);
                } else if (((Map<String, Object>) part).get("Ref") instanceof String ref) {
                    text.append(ref);
                } else {
                    List<String> getAtt = (List<String>) ((Map<String, Object>) part).get("Fn::GetAtt");
                    text.append(String.join(".", getAtt));
                }
            }
        }
        return new ObjectMapper().readTree(text.toString());
    }

    static JsonNode widget(JsonNode body, String title) {
        for (JsonNode widget : body.get("widgets")) {
            if (title.equals(widget.path("properties").path("title").asText())) {
                return widget.get("properties");
            }
        }
        throw new AssertionError("no widget titled " + title);
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        node.findValues("expression").forEach(n -> texts.add(n.asText()));
        node.findValues("label").forEach(n -> texts.add(n.asText()));
        node.forEach(child -> child.forEach(grand -> {
            if (grand.isTextual()) {
                texts.add(grand.asText());
            }
        }));
        return texts;
    }

    @Test
    void isNamedAfterTheStack() {
        template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", "DbSync"));
    }

    @Test
    void showsTheStateOfEveryAlarm() {
        JsonNode alarms = widget(body, "Alarms").get("alarms");
        assertThat(alarms).hasSize(5);
        assertThat(alarms.toString()).contains(TestStacks.alarmLogicalId(template, "SyncFailed"),
                TestStacks.alarmLogicalId(template, "SyncStale"), TestStacks.alarmLogicalId(template, "LambdaErrors"),
                TestStacks.alarmLogicalId(template, "DurationNearTimeout"), TestStacks.alarmLogicalId(template, "TriggerUndelivered"));
    }

    @Test
    void showsRunsByOutcomeFromTheCompletedAndFailedLines() {
        String metrics = widget(body, "Runs by outcome (per hour)").get("metrics").toString();
        assertThat(metrics).contains("SyncCompletedLines", "SyncFailureLines");
    }

    @Test
    void drawsTheLambdaTimeoutAndTheNearTimeoutThresholdUnderTheDuration() {
        JsonNode lines = widget(body, "Duration against the Lambda timeout (ms)").path("annotations").path("horizontal");
        assertThat(lines.findValues("value").stream().map(JsonNode::asDouble)).contains(300_000.0, 240_000.0);
    }

    @Test
    void showsTheRunsOwnDurationNextToTheInvocations() {
        String metrics = widget(body, "Duration against the Lambda timeout (ms)").get("metrics").toString();
        assertThat(metrics).contains("SyncDurationMs", "AWS/Lambda", "Duration");
    }

    @Test
    void showsDocumentsCopied() {
        assertThat(widget(body, "Documents copied (per hour)").get("metrics").toString()).contains("DocumentsCopied");
    }

    @Test
    void computesMinutesSinceTheLastCompletedRunWithMetricMath() {
        assertThat(texts(widget(body, "Minutes since the last completed run").get("metrics")))
                .contains("(EPOCH(FILL(ok, 0)) - FILL(EPOCH(ok), REPEAT)) / 60");
    }

    @Test
    void drawsTheFreshnessWindowUnderTheMinutesSinceTheLastSuccess() {
        JsonNode lines = widget(body, "Minutes since the last completed run").path("annotations").path("horizontal");
        assertThat(lines.findValues("value").stream().map(JsonNode::asDouble)).containsExactly(60.0);
    }

    @Test
    void countsCompletedSummaryLinesForTheLastSuccess() {
        assertThat(TestStacks.metricFilter(template, "SyncCompletedLines"))
                .containsEntry("FilterPattern", "{ ($.event = \"dbsync.sync\") && ($.status = \"completed\") }");
    }

    @Test
    void addsTheApiFunctionsDurationWhenTheStackHostsTheApi() throws Exception {
        JsonNode lambdaBody = body(TestStacks.template(TestStacks.lambdaContext()));
        String metrics = widget(lambdaBody, "Duration against the Lambda timeout (ms)").get("metrics").toString();
        assertThat(metrics).contains("ApiFunction");
    }

    @Test
    void addsRestorePointsAndTheirAlarmsWhenRestorePointsAreOn() throws Exception {
        JsonNode snapshotBody = body(TestStacks.template(TestStacks.typicalContextWith("snapshots", "true", "snapshotEveryHours", "24")));
        assertThat(widget(snapshotBody, "Restore points").toString()).contains("SnapshotSucceeded", "SnapshotBytes", "SnapshotFailureLines");
        assertThat(widget(snapshotBody, "Alarms").get("alarms")).hasSize(7);
    }
}
