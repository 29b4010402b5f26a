package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The "restore point failed" and "no restore point within 2 × SNAPSHOT_EVERY" alarms. */
class RestorePointAlarmsTest {

    private static Template template;

    @BeforeAll
    static void synthesise() {
        template = TestStacks.template(TestStacks.typicalContextWith("snapshots", "true", "snapshotEveryHours", "24"));
    }

    private static Map<String, Object> alarm(Template t, String id) {
        return TestStacks.propertiesOf(t, "AWS::CloudWatch::Alarm", "RestorePointAlarms" + id);
    }

    @Test
    void countsFailedRestorePointLinesWithAJsonPatternOnEventAndStatus() {
        assertThat(TestStacks.metricFilter(template, "SnapshotFailureLines"))
                .containsEntry("FilterPattern", "{ ($.event = \"dbsync.snapshot\") && ($.status = \"failed\") }");
    }

    @Test
    void readsRestorePointLinesFromTheSchedulersLogGroup() {
        assertThat(TestStacks.metricFilter(template, "SnapshotFailureLines"))
                .containsEntry("LogGroupName", Map.of("Ref", TestStacks.idOf(template, "AWS::Logs::LogGroup", "Scheduler")));
    }

    @Test
    void alarmsOnTheFirstFailedRestorePoint() {
        assertThat(alarm(template, "SnapshotFailed")).containsAllEntriesOf(Map.of(
                "Namespace", "DbSync", "MetricName", "SnapshotFailureLines", "Statistic", "Sum", "Period", 300,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold", "Threshold", 1, "EvaluationPeriods", 1,
                "TreatMissingData", "notBreaching"));
    }

    @Test
    void alarmsWhenNoRestorePointWasWrittenInTwiceTheInterval() {
        assertThat(alarm(template, "SnapshotMissing")).containsAllEntriesOf(Map.of(
                "Namespace", "DbSync", "MetricName", "SnapshotSucceeded", "Statistic", "Maximum", "Period", 3600,
                "ComparisonOperator", "LessThanThreshold", "Threshold", 1,
                "EvaluationPeriods", 48, "DatapointsToAlarm", 48));
    }

    @Test
    void treatsAMissingRestorePointAsBreaching() {
        assertThat(alarm(template, "SnapshotMissing")).containsEntry("TreatMissingData", "breaching");
    }

    @Test
    void watchesTheSchedulersDimensionForMissingRestorePoints() {
        assertThat(alarm(template, "SnapshotMissing")).containsEntry("Dimensions",
                List.of(Map.of("Name", "Service", "Value", "dbsync")));
    }

    @Test
    void notifiesTheTeamAndTellsItWhenRestorePointsAreBack() {
        Map<String, Object> topic = Map.of("Ref", TestStacks.onlyId(template, "AWS::SNS::Topic"));
        assertThat(alarm(template, "SnapshotMissing"))
                .containsEntry("AlarmActions", List.of(topic))
                .containsEntry("OKActions", List.of(topic));
        assertThat(alarm(template, "SnapshotFailed")).containsEntry("AlarmActions", List.of(topic));
    }

    @Test
    void hasNoMissingRestorePointAlarmWithoutTheInterval() {
        Template noInterval = TestStacks.template(TestStacks.typicalContextWith("snapshots", "true"));
        assertThat(TestStacks.resources(noInterval, "AWS::CloudWatch::Alarm").keySet())
                .anyMatch(id -> id.startsWith("RestorePointAlarmsSnapshotFailed"))
                .noneMatch(id -> id.startsWith("RestorePointAlarmsSnapshotMissing"));
    }

    @Test
    void hasNoRestorePointAlarmsByDefault() {
        TestStacks.template(TestStacks.typicalContext()).resourceCountIs("AWS::CloudWatch::Alarm", 5);
    }

    @Test
    void refusesAnIntervalWithoutRestorePoints() {
        assertThatThrownBy(() -> TestStacks.params(TestStacks.typicalContextWith("snapshotEveryHours", "24"), Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("snapshotEveryHours only applies with snapshots=true");
    }

    @Test
    void refusesAnIntervalCloudWatchCannotWatchTwiceOver() {
        assertThatThrownBy(() -> TestStacks.params(
                TestStacks.typicalContextWith("snapshots", "true", "snapshotEveryHours", "85"), Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("snapshotEveryHours must be between 1 and 84");
    }
}
