package io.dbsync.scheduler;

import java.util.Objects;

/**
 * The outcome of one scheduled invocation, rendered as the two log lines the infrastructure
 * relies on: a JSON summary line (the metric filter matches {@code "level":"ERROR"} on it) and a
 * CloudWatch Embedded Metric Format line (the alarms use its numbers).
 *
 * <p>Both lines are single-line JSON with every non-ASCII or control character escaped. Metrics go
 * to namespace {@value #NAMESPACE} with the one dimension {@code Service} = {@value #SERVICE}
 * (dimension set {@code [["Service"]]}), so an alarm must name that dimension to see them.
 */
public final class InvocationReport {
    /** CloudWatch namespace of the EMF metrics. */
    public static final String NAMESPACE = "DbSync";
    /** Value of the single {@code Service} dimension. */
    public static final String SERVICE = "dbsync";
    /** The {@code event} member of every summary line. */
    public static final String EVENT = "dbsync.sync";
    /** The only status that counts as success. */
    public static final String COMPLETED = "completed";

    private final String status;
    private final String runId;
    private final long durationMs;
    private final long documents;
    private final String error;

    private InvocationReport(String status, String runId, long durationMs, long documents, String error) {
        this.status = status;
        this.runId = runId;
        this.durationMs = durationMs;
        this.documents = documents;
        this.error = error;
    }

    /**
     * @param status     {@code completed}, or any other word for a failure ({@code failed},
     *                   {@code refused}, {@code timeout}, {@code error}, {@code config_error}, …)
     * @param runId      the API's run id, or {@code null} when no run was started or found
     * @param durationMs the run's duration, or the invocation's when there was no finished run
     * @param documents  documents copied by the run (0 when unknown)
     * @param error      a message for operators, or {@code null}; must already be free of secrets
     */
    public static InvocationReport of(String status, String runId, long durationMs, long documents, String error) {
        Objects.requireNonNull(status, "status");
        if (status.isBlank()) {
            throw new IllegalArgumentException("status must not be blank");
        }
        if (durationMs < 0 || documents < 0) {
            throw new IllegalArgumentException("durationMs and documents must not be negative");
        }
        return new InvocationReport(status, runId, durationMs, documents, error);
    }

    /** True only for status {@code completed}; refused, failed, timeouts and errors are failures. */
    public boolean succeeded() {
        return COMPLETED.equals(status);
    }

    public String status() {
        return status;
    }

    /** One JSON line: level, event, status, runId, durationMs, documents, error. */
    public String summaryLine() {
        return new JsonWriter().beginObject()
                .member("level", succeeded() ? "INFO" : "ERROR")
                .member("event", EVENT)
                .member("status", status)
                .member("runId", runId)
                .member("durationMs", durationMs)
                .member("documents", documents)
                .member("error", error)
                .endObject().toString();
    }

    /**
     * One Embedded Metric Format line: {@code SyncSucceeded} (Count, 0 or 1), {@code SyncDurationMs}
     * (Milliseconds), {@code DocumentsCopied} (Count), plus {@code status} and {@code runId} as
     * plain properties for Logs Insights. It has no {@code level} member, so a filter on
     * {@code level} never matches it.
     */
    public String metricLine(long epochMillis) {
        JsonWriter json = new JsonWriter().beginObject();
        json.name("_aws").beginObject()
                .member("Timestamp", epochMillis)
                .name("CloudWatchMetrics").beginArray().beginObject()
                .member("Namespace", NAMESPACE)
                .name("Dimensions").beginArray().beginArray().value("Service").endArray().endArray()
                .name("Metrics").beginArray();
        metric(json, "SyncSucceeded", "Count");
        metric(json, "SyncDurationMs", "Milliseconds");
        metric(json, "DocumentsCopied", "Count");
        json.endArray().endObject().endArray().endObject();
        return json.member("Service", SERVICE)
                .member("SyncSucceeded", succeeded() ? 1 : 0)
                .member("SyncDurationMs", durationMs)
                .member("DocumentsCopied", documents)
                .member("status", status)
                .member("runId", runId)
                .endObject().toString();
    }

    private static void metric(JsonWriter json, String name, String unit) {
        json.beginObject().member("Name", name).member("Unit", unit).endObject();
    }

    @Override
    public String toString() {
        return summaryLine();
    }
}
