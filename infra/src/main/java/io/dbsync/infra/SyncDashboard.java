package io.dbsync.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.YAxisProps;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.IFilterPattern;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.constructs.Construct;

/**
 * The CloudWatch dashboard (issue 18): the alarms' states, runs by outcome, run duration against
 * the Lambda timeout, documents copied, minutes since the last completed run against the
 * freshness window, and (with restore points) what was written.
 *
 * <p>"Minutes since the last completed run" is metric math over a metric filter that counts the
 * scheduler's completed summary lines, a series that has data only where a run completed:
 * {@code EPOCH(FILL(ok, 0))} is each period's time, {@code FILL(EPOCH(ok), REPEAT)} carries the
 * time of the last completion forward, and their difference is the age of the standby. (The
 * {@code SyncSucceeded} metric cannot serve: a failed run reports 0 there, not nothing.)
 */
public final class SyncDashboard extends Construct {

    /**
     * @param name              dashboard name (unique per account and region)
     * @param api               the Lambda-hosted API, when the stack runs it
     * @param restorePoints     the restore-point alarms, when restore points are on
     */
    public record Props(
            String name,
            SchedulerFunction scheduler,
            SyncAlarms alarms,
            Optional<ApiFunction> api,
            Optional<RestorePointAlarms> restorePoints,
            Duration freshnessWindow) {
    }

    /** Matches the scheduler's summary line for a completed run. */
    public static final IFilterPattern COMPLETED_LINE_PATTERN = FilterPattern.all(
            FilterPattern.stringValue("$.event", "=", SchedulerContract.SUMMARY_EVENT),
            FilterPattern.stringValue("$.status", "=", SchedulerContract.STATUS_COMPLETED));
    /** The metric-math expression behind "minutes since the last completed run" (over {@code ok}). */
    static final String MINUTES_SINCE_LAST_SUCCESS = "(EPOCH(FILL(ok, 0)) - FILL(EPOCH(ok), REPEAT)) / 60";

    private static final Duration HOUR = Duration.hours(1);
    private static final Duration FIVE_MINUTES = Duration.minutes(5);

    private final Dashboard dashboard;
    private final MetricFilter completedLines;

    public SyncDashboard(Construct scope, String id, Props props) {
        super(scope, id);
        this.completedLines = MetricFilter.Builder.create(this, "CompletedLines")
                .logGroup(props.scheduler().logGroup())
                .filterPattern(COMPLETED_LINE_PATTERN)
                .metricNamespace(SchedulerContract.METRIC_NAMESPACE)
                .metricName(SchedulerContract.METRIC_SYNC_COMPLETED_LINES)
                .metricValue("1")
                .build();

        List<IAlarm> alarms = new ArrayList<>(props.alarms().all());
        props.restorePoints().ifPresent(r -> alarms.addAll(r.all()));

        this.dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(props.name())
                .defaultInterval(Duration.days(2))
                .build();
        dashboard.addWidgets(AlarmStatusWidget.Builder.create().title("Alarms").alarms(alarms).width(24).height(3).build());
        dashboard.addWidgets(runsByOutcome(props), durationAgainstTimeout(props));
        dashboard.addWidgets(documentsCopied(), minutesSinceLastSuccess(props));
        props.restorePoints().ifPresent(r -> dashboard.addWidgets(restorePoints(r)));
    }

    private IWidget runsByOutcome(Props props) {
        return graph("Runs by outcome (per hour)", List.of(
                        completedLines.metric(MetricOptions.builder().statistic("Sum").period(HOUR).label("completed").build()),
                        props.alarms().failureLines().metric(MetricOptions.builder().statistic("Sum").period(HOUR)
                                .label("not completed (failed, refused, timeout, error)").build())),
                List.of(), "runs")
                .stacked(true)
                .build();
    }

    private IWidget durationAgainstTimeout(Props props) {
        List<IMetric> metrics = new ArrayList<>(List.of(
                props.scheduler().function().metricDuration(MetricOptions.builder().statistic("Maximum").period(FIVE_MINUTES)
                        .label("scheduler invocation").build()),
                emf(SchedulerContract.METRIC_SYNC_DURATION_MS, "Maximum", FIVE_MINUTES, "run (SyncDurationMs)")));
        double schedulerTimeoutMs = props.scheduler().timeout().toMilliseconds().doubleValue();
        List<HorizontalAnnotation> lines = new ArrayList<>(List.of(
                annotation(schedulerTimeoutMs, "scheduler Lambda timeout"),
                annotation(Math.floor(schedulerTimeoutMs * SyncAlarms.NEAR_TIMEOUT), "DurationNearTimeout alarm")));
        props.api().ifPresent(api -> {
            metrics.add(api.function().metricDuration(MetricOptions.builder().statistic("Maximum").period(FIVE_MINUTES)
                    .label("API function").build()));
            double apiTimeoutMs = api.timeout().toMilliseconds().doubleValue();
            if (apiTimeoutMs != schedulerTimeoutMs) {
                lines.add(annotation(apiTimeoutMs, "API function timeout"));
            }
        });
        return graph("Duration against the Lambda timeout (ms)", metrics, lines, "ms").build();
    }

    private IWidget documentsCopied() {
        return graph("Documents copied (per hour)",
                List.of(emf(SchedulerContract.METRIC_DOCUMENTS_COPIED, "Sum", HOUR, "documents")), List.of(), "documents")
                .build();
    }

    private IWidget minutesSinceLastSuccess(Props props) {
        MathExpression minutes = MathExpression.Builder.create()
                .expression(MINUTES_SINCE_LAST_SUCCESS)
                .usingMetrics(Map.of("ok", completedLines.metric(
                        MetricOptions.builder().statistic("Sum").period(FIVE_MINUTES).build())))
                .period(FIVE_MINUTES)
                .label("minutes since the last completed run")
                .build();
        return graph("Minutes since the last completed run", List.of(minutes),
                List.of(annotation(props.freshnessWindow().toMinutes().doubleValue(), "freshness window (SyncStale)")),
                "minutes")
                .build();
    }

    private static IWidget restorePoints(RestorePointAlarms alarms) {
        return graph("Restore points", List.of(
                        emf(SchedulerContract.METRIC_SNAPSHOT_SUCCEEDED, "Sum", HOUR, "written"),
                        alarms.failureLines().metric(MetricOptions.builder().statistic("Sum").period(HOUR).label("failed").build())),
                List.of(), "restore points")
                .right(List.of(emf(SchedulerContract.METRIC_SNAPSHOT_BYTES, "Maximum", HOUR, "bytes (largest)")))
                .width(24)
                .build();
    }

    private static GraphWidget.Builder graph(String title, List<? extends IMetric> left, List<HorizontalAnnotation> lines,
                                             String unit) {
        return GraphWidget.Builder.create()
                .title(title)
                .left(new ArrayList<>(left))
                .leftAnnotations(lines)
                .leftYAxis(YAxisProps.builder().min(0).label(unit).showUnits(false).build())
                .width(12)
                .height(6);
    }

    private static Metric emf(String name, String statistic, Duration period, String label) {
        return Metric.Builder.create()
                .namespace(SchedulerContract.METRIC_NAMESPACE)
                .metricName(name)
                .dimensionsMap(SchedulerContract.METRIC_DIMENSIONS)
                .statistic(statistic)
                .period(period)
                .label(label)
                .build();
    }

    private static HorizontalAnnotation annotation(double value, String label) {
        return HorizontalAnnotation.builder().value(value).label(label).build();
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    public MetricFilter completedLines() {
        return completedLines;
    }
}
