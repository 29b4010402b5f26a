package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** What a deploy prints: today's outputs unchanged, plus those of each option that is on. */
class StackOutputsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outputs(Map<String, Object> context) {
        return (Map<String, Object>) TestStacks.template(context).toJSON().get("Outputs");
    }

    @Test
    void keepsTodaysOutputsAndAddsTheDashboard() {
        assertThat(outputs(TestStacks.typicalContext())).containsOnlyKeys("SchedulerFunctionName", "SchedulerLogGroup",
                "PasswordSecretId", "AlarmTopicArn", "DeadLetterQueueUrl", "ScheduleRuleName", "SyncFailedAlarmName",
                "FreshnessAlarmName", "DashboardName", "DashboardUrl");
    }

    @Test
    void namesTheApiUrlFunctionLogsAndConfigurationSecretWhenTheStackHostsTheApi() {
        assertThat(outputs(TestStacks.lambdaContext()))
                .containsKeys("ApiUrl", "ApiFunctionName", "ApiLogGroup", "ApiConfigSecretId");
    }

    @Test
    void namesTheBucketUriPolicyAndAlarmsWhenRestorePointsAreOn() {
        assertThat(outputs(TestStacks.typicalContextWith("snapshots", "true", "snapshotEveryHours", "12")))
                .containsKeys("SnapshotBucketName", "SnapshotUri", "SnapshotWriterPolicyArn", "SnapshotFailedAlarmName",
                        "SnapshotMissingAlarmName");
    }

    @Test
    void pointsTheApiUrlOutputAtTheFunctionUrl() {
        Template template = TestStacks.template(TestStacks.lambdaContext());
        template.hasOutput("ApiUrl", Map.of("Value", Map.of("Fn::GetAtt",
                java.util.List.of(TestStacks.idOf(template, "AWS::Lambda::Url", "ApiFunction"), "FunctionUrl"))));
    }
}
