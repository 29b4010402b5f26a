package io.dbsync.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.IFilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.constructs.Construct;

/**
 * The restore-point alarms (issue 15). A failed restore point does not fail an otherwise
 * completed run, so {@code SyncFailed} stays quiet about it; these answer instead:
 * <ul>
 *   <li>{@code SnapshotFailed} — did a due restore point fail? (the scheduler's
 *       {@code dbsync.snapshot} line with status {@code failed}, counted by a metric filter);</li>
 *   <li>{@code SnapshotMissing} — has no restore point been written within 2 × SNAPSHOT_EVERY?
 *       (the scheduler's {@code SnapshotSucceeded} metric; missing data is breaching, as for the
 *       freshness alarm). Only when the interval is known.</li>
 * </ul>
 */
public final class RestorePointAlarms extends Construct {

    /** @param every the API's SNAPSHOT_EVERY; empty: no "missing" alarm */
    public record Props(ILogGroup schedulerLogs, IAlarmAction action, Optional<Duration> every) {
    }

    /** Matches the scheduler's failed restore-point line and nothing else it prints. */
    public static final IFilterPattern FAILED_LINE_PATTERN = FilterPattern.all(
            FilterPattern.stringValue("$.event", "=", SchedulerContract.SNAPSHOT_EVENT),
            FilterPattern.stringValue("$.status", "=", SchedulerContract.SNAPSHOT_STATUS_FAILED));

    static final Duration MISSING_PERIOD = Duration.hours(1);

    private final MetricFilter failureLines;
    private final Alarm snapshotFailed;
    private final Optional<Alarm> snapshotMissing;

    public RestorePointAlarms(Construct scope, String id, Props props) {
        super(scope, id);
        this.failureLines = MetricFilter.Builder.create(this, "FailureLines")
                .logGroup(props.schedulerLogs())
                .filterPattern(FAILED_LINE_PATTERN)
                .metricNamespace(SchedulerContract.METRIC_NAMESPACE)
                .metricName(SchedulerContract.METRIC_SNAPSHOT_FAILURE_LINES)
                .metricValue("1")
                .build();
        this.snapshotFailed = Alarm.Builder.create(this, "SnapshotFailed")
                .alarmDescription("A dbsync restore point could not be written (the run itself may have completed). The"
                        + " scheduler's dbsync.snapshot line says why; see docs/operations.md.")
                .metric(failureLines.metric(MetricOptions.builder().statistic("Sum").period(SyncAlarms.PERIOD).build()))
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .threshold(1)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        snapshotFailed.addAlarmAction(props.action());

        this.snapshotMissing = props.every().map(every -> {
            // All periods of the window must lack a written restore point; a period without any
            // data counts as breaching, so "nothing was even attempted" alarms too.
            int periods = (int) (2 * every.toHours().longValue() / MISSING_PERIOD.toHours().longValue());
            Alarm missing = Alarm.Builder.create(this, "SnapshotMissing")
                    .alarmDescription("No dbsync restore point has been written for " + (2 * every.toHours().longValue())
                            + " hours (2 × SNAPSHOT_EVERY): the way back from a bad deploy is getting old.")
                    .metric(Metric.Builder.create()
                            .namespace(SchedulerContract.METRIC_NAMESPACE)
                            .metricName(SchedulerContract.METRIC_SNAPSHOT_SUCCEEDED)
                            .dimensionsMap(SchedulerContract.METRIC_DIMENSIONS)
                            .statistic("Maximum")
                            .period(MISSING_PERIOD)
                            .build())
                    .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                    .threshold(1)
                    .evaluationPeriods(periods)
                    .datapointsToAlarm(periods)
                    .treatMissingData(TreatMissingData.BREACHING)
                    .build();
            missing.addAlarmAction(props.action());
            missing.addOkAction(props.action());
            return missing;
        });
    }

    public MetricFilter failureLines() {
        return failureLines;
    }

    public Alarm snapshotFailed() {
        return snapshotFailed;
    }

    public Optional<Alarm> snapshotMissing() {
        return snapshotMissing;
    }

    public List<Alarm> all() {
        List<Alarm> all = new ArrayList<>(List.of(snapshotFailed));
        snapshotMissing.ifPresent(all::add);
        return all;
    }
}
