package io.dbsync.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.IFilterPattern;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The alarms that say whether backups are happening. Each answers one question:
 * <ul>
 *   <li>{@code SyncFailed} — did a run end in anything but {@code completed}? (the scheduler's
 *       ERROR summary line, counted by a metric filter; quiet when nothing runs);</li>
 *   <li>{@code LambdaErrors} — did the function itself fail (crash, timeout, bad config)?</li>
 *   <li>{@code DurationNearTimeout} — is a run about to outgrow the Lambda timeout?</li>
 *   <li>{@code TriggerUndelivered} — did EventBridge give up delivering a trigger?</li>
 *   <li>{@code SyncStale} — has no run succeeded within the freshness window? Missing data is
 *       breaching: a schedule that silently stopped, a deleted function or a metric that never
 *       arrives all end here, which the other alarms (quiet without data) cannot see.</li>
 * </ul>
 * Every alarm notifies {@code action}; the freshness alarm also notifies on recovery.
 */
public final class SyncAlarms extends Construct {

    public record Props(SchedulerFunction scheduler, IQueue deadLetterQueue, IAlarmAction action, Duration freshnessWindow) {

        public Props {
            if (freshnessWindow.toMinutes().longValue() % FRESHNESS_PERIOD.toMinutes().longValue() != 0) {
                throw new InvalidParameterException("the freshness window must be a multiple of "
                        + FRESHNESS_PERIOD.toMinutes() + " minutes");
            }
        }
    }

    /** Matches the scheduler's failure summary line and nothing else it prints. */
    public static final IFilterPattern FAILURE_LINE_PATTERN = FilterPattern.all(
            FilterPattern.stringValue("$.level", "=", SchedulerContract.FAILURE_LEVEL),
            FilterPattern.stringValue("$.event", "=", SchedulerContract.SUMMARY_EVENT));

    static final Duration PERIOD = Duration.minutes(5);
    static final Duration FRESHNESS_PERIOD = Duration.minutes(5);
    /** Fraction of the Lambda timeout at which a run counts as "near" it. */
    static final double NEAR_TIMEOUT = 0.8;

    private final MetricFilter failureLines;
    private final Alarm syncFailed;
    private final Alarm lambdaErrors;
    private final Alarm durationNearTimeout;
    private final Alarm triggerUndelivered;
    private final Alarm syncStale;

    public SyncAlarms(Construct scope, String id, Props props) {
        super(scope, id);
        var fn = props.scheduler().function();

        this.failureLines = MetricFilter.Builder.create(this, "FailureLines")
                .logGroup(props.scheduler().logGroup())
                .filterPattern(FAILURE_LINE_PATTERN)
                .metricNamespace(SchedulerContract.METRIC_NAMESPACE)
                .metricName(SchedulerContract.METRIC_SYNC_FAILURE_LINES)
                .metricValue("1")
                .build();

        this.syncFailed = Alarm.Builder.create(this, "SyncFailed")
                .alarmDescription("A dbsync run did not complete (failed, refused, timed out or errored). The scheduler's"
                        + " ERROR line in the Lambda log says why; see docs/operations.md.")
                .metric(failureLines.metric(MetricOptions.builder().statistic("Sum").period(PERIOD).build()))
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .threshold(1)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();

        this.lambdaErrors = Alarm.Builder.create(this, "LambdaErrors")
                .alarmDescription("The dbsync scheduler Lambda failed (a failed run, a crash, a timeout or missing configuration).")
                .metric(fn.metricErrors(MetricOptions.builder().statistic("Sum").period(PERIOD).build()))
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .threshold(1)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();

        double nearTimeoutMs = Math.floor(props.scheduler().timeout().toMilliseconds().doubleValue() * NEAR_TIMEOUT);
        this.durationNearTimeout = Alarm.Builder.create(this, "DurationNearTimeout")
                .alarmDescription("A dbsync scheduler invocation used over " + Math.round(NEAR_TIMEOUT * 100)
                        + " % of its timeout: runs are outgrowing it (raise lambdaTimeoutSeconds, or look at the API).")
                .metric(fn.metricDuration(MetricOptions.builder().statistic("Maximum").period(PERIOD).build()))
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .threshold(nearTimeoutMs)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();

        this.triggerUndelivered = Alarm.Builder.create(this, "TriggerUndelivered")
                .alarmDescription("EventBridge could not deliver a dbsync schedule trigger to the Lambda; the event is in the"
                        + " dead-letter queue with the error in its attributes.")
                .metric(props.deadLetterQueue().metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().statistic("Maximum").period(PERIOD).build()))
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .threshold(1)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();

        // Sliding window: N five-minute periods, all of which must lack a success. A period with
        // no data point counts as breaching, so "nothing ran" alarms just like "runs failed".
        int periods = (int) (props.freshnessWindow().toMinutes().longValue() / FRESHNESS_PERIOD.toMinutes().longValue());
        this.syncStale = Alarm.Builder.create(this, "SyncStale")
                .alarmDescription("No dbsync run has succeeded for " + props.freshnessWindow().toMinutes()
                        + " minutes: the standby is getting stale (schedule stopped, runs failing, or Lambda not running).")
                .metric(Metric.Builder.create()
                        .namespace(SchedulerContract.METRIC_NAMESPACE)
                        .metricName(SchedulerContract.METRIC_SYNC_SUCCEEDED)
                        .dimensionsMap(SchedulerContract.METRIC_DIMENSIONS)
                        .statistic("Maximum")
                        .period(FRESHNESS_PERIOD)
                        .build())
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .threshold(1)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(TreatMissingData.BREACHING)
                .build();

        for (Alarm alarm : new Alarm[] {syncFailed, lambdaErrors, durationNearTimeout, triggerUndelivered, syncStale}) {
            alarm.addAlarmAction(props.action());
        }
        // A recovery notice only where OK means "backups are fine again": the others return to
        // OK five quiet minutes after a failure, whether or not anything has succeeded since.
        syncStale.addOkAction(props.action());
    }

    /** Every alarm, in the order the dashboard shows them. */
    public List<Alarm> all() {
        return List.of(syncFailed, syncStale, lambdaErrors, durationNearTimeout, triggerUndelivered);
    }

    public MetricFilter failureLines() {
        return failureLines;
    }

    public Alarm syncFailed() {
        return syncFailed;
    }

    public Alarm lambdaErrors() {
        return lambdaErrors;
    }

    public Alarm durationNearTimeout() {
        return durationNearTimeout;
    }

    public Alarm triggerUndelivered() {
        return triggerUndelivered;
    }

    public Alarm syncStale() {
        return syncStale;
    }
}
