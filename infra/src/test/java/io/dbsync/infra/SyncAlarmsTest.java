package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class SyncAlarmsTest {

    private static Template template;

    @BeforeAll
    static void synthesise() {
        template = TestStacks.template(TestStacks.typicalContext());
    }

    @Test
    void countsTheSchedulersFailureLinesWithAJsonPatternOnLevelAndEvent() {
        template.hasResourceProperties("AWS::Logs::MetricFilter", Map.of(
                "FilterPattern", "{ ($.level = \"ERROR\") && ($.event = \"dbsync.sync\") }"));
    }

    @Test
    void readsFailureLinesFromTheSchedulersLogGroup() {
        template.hasResourceProperties("AWS::Logs::MetricFilter", Map.of(
                "LogGroupName", Map.of("Ref", TestStacks.onlyId(template, "AWS::Logs::LogGroup"))));
    }

    @Test
    void publishesOneSyncFailureLinesDatapointPerFailureLine() {
        template.hasResourceProperties("AWS::Logs::MetricFilter", Map.of("MetricTransformations", List.of(Map.of(
                "MetricNamespace", "DbSync", "MetricName", "SyncFailureLines", "MetricValue", "1"))));
    }

    @Test
    void alarmsOnTheFirstFailureLine() {
        assertThat(TestStacks.alarm(template, "SyncFailed")).containsAllEntriesOf(Map.of(
                "Namespace", "DbSync", "MetricName", "SyncFailureLines", "Statistic", "Sum",
                "ComparisonOperator", "GreaterThanOrEqualToThreshold", "Threshold", 1, "EvaluationPeriods", 1));
    }

    @Test
    void treatsMissingFailureLineDataAsNotBreaching() {
        assertThat(TestStacks.alarm(template, "SyncFailed")).containsEntry("TreatMissingData", "notBreaching");
    }

    @Test
    void alarmsOnAnyLambdaError() {
        assertThat(TestStacks.alarm(template, "LambdaErrors")).containsAllEntriesOf(Map.of(
                "Namespace", "AWS/Lambda", "MetricName", "Errors", "Statistic", "Sum",
                "ComparisonOperator", "GreaterThanOrEqualToThreshold", "Threshold", 1));
    }

    @Test
    void treatsMissingLambdaErrorDataAsNotBreaching() {
        assertThat(TestStacks.alarm(template, "LambdaErrors")).containsEntry("TreatMissingData", "notBreaching");
    }

    @Test
    void watchesErrorsOfTheSchedulerFunction() {
        assertThat(TestStacks.alarm(template, "LambdaErrors")).containsEntry("Dimensions", List.of(Map.of(
                "Name", "FunctionName", "Value", Map.of("Ref", TestStacks.onlyId(template, "AWS::Lambda::Function")))));
    }

    @Test
    void alarmsWhenAnInvocationUses80PercentOfTheLambdaTimeout() {
        assertThat(TestStacks.alarm(template, "DurationNearTimeout")).containsAllEntriesOf(Map.of(
                "Namespace", "AWS/Lambda", "MetricName", "Duration", "Statistic", "Maximum",
                "ComparisonOperator", "GreaterThanOrEqualToThreshold", "Threshold", 240000));
    }

    @Test
    void setsTheDurationAlarmBelowTheTimeoutAndAboveOneHttpTimeout() {
        double threshold = ((Number) TestStacks.alarm(template, "DurationNearTimeout").get("Threshold")).doubleValue();
        int timeoutSeconds = ((Number) TestStacks.onlyProperties(template, "AWS::Lambda::Function").get("Timeout")).intValue();
        assertThat(threshold).isLessThan(timeoutSeconds * 1000.0).isGreaterThan(40_000.0);
    }

    @Test
    void treatsMissingDurationDataAsNotBreaching() {
        assertThat(TestStacks.alarm(template, "DurationNearTimeout")).containsEntry("TreatMissingData", "notBreaching");
    }

    @Test
    void alarmsWhenATriggerLandsInTheDeadLetterQueue() {
        assertThat(TestStacks.alarm(template, "TriggerUndelivered")).containsAllEntriesOf(Map.of(
                "Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible",
                "ComparisonOperator", "GreaterThanOrEqualToThreshold", "Threshold", 1,
                "TreatMissingData", "notBreaching"));
    }

    @Test
    void freshnessAlarmWatchesSyncSucceededWithTheSchedulersDimension() {
        assertThat(TestStacks.alarm(template, "SyncStale")).containsAllEntriesOf(Map.of(
                "Namespace", "DbSync", "MetricName", "SyncSucceeded",
                "Dimensions", List.of(Map.of("Name", "Service", "Value", "dbsync"))));
    }

    @Test
    void freshnessAlarmTreatsMissingDataAsBreaching() {
        assertThat(TestStacks.alarm(template, "SyncStale")).containsEntry("TreatMissingData", "breaching");
    }

    @Test
    void freshnessAlarmFiresOnlyWhenNoFiveMinutePeriodOfTheHourHadASuccess() {
        assertThat(TestStacks.alarm(template, "SyncStale")).containsAllEntriesOf(Map.of(
                "Statistic", "Maximum", "Period", 300,
                "ComparisonOperator", "LessThanThreshold", "Threshold", 1,
                "EvaluationPeriods", 12, "DatapointsToAlarm", 12));
    }

    @Test
    void freshnessWindowFollowsTheParameter() {
        Map<String, Object> stale = TestStacks.alarm(
                TestStacks.template(TestStacks.typicalContextWith("freshnessMinutes", "180")), "SyncStale");
        assertThat(stale).containsEntry("EvaluationPeriods", 36);
    }

    @Test
    void refusesAFreshnessWindowNoLongerThanTheScheduleInterval() {
        assertThatThrownBy(() -> TestStacks.params(TestStacks.typicalContextWith(
                "schedule", "rate(1 hour)", "freshnessMinutes", "60"), Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("freshnessMinutes");
    }

    @Test
    void everyAlarmNotifiesTheAlertTopic() {
        template.resourceCountIs("AWS::CloudWatch::Alarm", 5);
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of(
                "AlarmActions", List.of(Map.of("Ref", TestStacks.onlyId(template, "AWS::SNS::Topic")))), 5);
    }

    @Test
    void freshnessAlarmAlsoNotifiesWhenBackupsAreFreshAgain() {
        assertThat(TestStacks.alarm(template, "SyncStale")).containsEntry("OKActions",
                List.of(Map.of("Ref", TestStacks.onlyId(template, "AWS::SNS::Topic"))));
    }

    @Test
    void sendsNoOkNoticeFromAlarmsWhoseOkStateDoesNotMeanRecovered() {
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of("OKActions", Match.anyValue()), 1);
    }
}
