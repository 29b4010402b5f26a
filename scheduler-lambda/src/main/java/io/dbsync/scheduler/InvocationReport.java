package io.dbsync.scheduler;

import io.dbsync.scheduler.json.JsonWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one scheduled invocation, rendered as the log lines the infrastructure relies on:
 * a JSON summary line (the metric filter matches {@code "level":"ERROR"} and
 * {@code "event":"dbsync.sync"} on it), a CloudWatch Embedded Metric Format line (the alarms use
 * its numbers) and, when the run wrote a snapshot or failed to, a snapshot line.
 *
 * <p>All lines are single-line JSON with every non-ASCII or control character escaped. Metrics go
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
    /** The {@code event} member of the snapshot line. */
    public static final String SNAPSHOT_EVENT = "dbsync.snapshot";
    /** The only status that counts as success. */
    public static final String COMPLETED = "completed";
    /** The status of a run the API declined to do; the only one that carries a {@code reason}. */
    public static final String REFUSED = "refused";

    private final String status;
    private final String runId;
    private final long durationMs;
    private final long documents;
    private final String error;
    private final String reason;
    private final SnapshotOutcome snapshot;

    private InvocationReport(String status, String runId, long durationMs, long documents, String error,
                             String reason, SnapshotOutcome snapshot) {
        this.status = status;
        this.runId = runId;
        this.durationMs = durationMs;
        this.documents = documents;
        this.error = error;
        this.reason = reason;
        this.snapshot = snapshot;
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
        return new InvocationReport(status, runId, durationMs, documents, error, null, null);
    }

    /**
     * This report with the API's refusal word as the summary line's {@code reason}
     * ({@code standby_diverged}, {@code paused}, {@code deletion_guard}, {@code storage_limit}, …).
     * Only a refused run has one; {@code null} is allowed (an API that sends no refusal).
     */
    public InvocationReport withRefusal(String refusal) {
        if (refusal != null && !REFUSED.equals(status)) {
            throw new IllegalStateException("only a refused run has a refusal reason");
        }
        return new InvocationReport(status, runId, durationMs, documents, error, refusal, snapshot);
    }

    /** This report with the run's snapshot outcome: a snapshot line and metrics when it was attempted. */
    public InvocationReport withSnapshot(SnapshotOutcome outcome) {
        return new InvocationReport(status, runId, durationMs, documents, error, reason, Objects.requireNonNull(outcome));
    }

    /** True only for status {@code completed}; refused, failed, timeouts and errors are failures. */
    public boolean succeeded() {
        return COMPLETED.equals(status);
    }

    public String status() {
        return status;
    }

    /** Every line of the invocation, in print order: summary, EMF, then the snapshot line if any. */
    public List<String> lines(long epochMillis) {
        List<String> lines = new ArrayList<>(3);
        lines.add(summaryLine());
        lines.add(metricLine(epochMillis));
        snapshotLine().ifPresent(lines::add);
        return lines;
    }

    /** One JSON line: level, event, status, runId, durationMs, documents, error, reason. */
    public String summaryLine() {
        return new JsonWriter().beginObject()
                .member("level", succeeded() ? "INFO" : "ERROR")
                .member("event", EVENT)
                .member("status", status)
                .member("runId", runId)
                .member("durationMs", durationMs)
                .member("documents", documents)
                .member("error", error)
                .member("reason", reason)
                .endObject().toString();
    }

    /**
     * For a written snapshot an {@code INFO} line with its bytes; for a failed one an
     * {@code ERROR} line with its reason as {@code error}; nothing when it was skipped or absent.
     * Its {@code event} is {@value #SNAPSHOT_EVENT}, so the run's failure filter never matches it.
     */
    public Optional<String> snapshotLine() {
        if (snapshot == null || !snapshot.attempted()) {
            return Optional.empty();
        }
        boolean written = SnapshotOutcome.WRITTEN.equals(snapshot.status());
        JsonWriter json = new JsonWriter().beginObject()
                .member("level", written ? "INFO" : "ERROR")
                .member("event", SNAPSHOT_EVENT)
                .member("status", snapshot.status())
                .member("runId", runId);
        if (written) {
            json.member("bytes", snapshot.bytes());
        } else {
            json.member("error", snapshot.reason());
        }
        return Optional.of(json.endObject().toString());
    }

    /**
     * One Embedded Metric Format line: {@code SyncSucceeded} (Count, 0 or 1), {@code SyncDurationMs}
     * (Milliseconds), {@code DocumentsCopied} (Count); when a snapshot was attempted also
     * {@code SnapshotSucceeded} (Count, 0 or 1) and, when written, {@code SnapshotBytes} (Bytes);
     * plus {@code status} and {@code runId} as plain properties for Logs Insights. It has no
     * {@code level} member, so a filter on {@code level} never matches it.
     */
    public String metricLine(long epochMillis) {
        boolean snapshotAttempted = snapshot != null && snapshot.attempted();
        boolean snapshotWritten = snapshotAttempted && SnapshotOutcome.WRITTEN.equals(snapshot.status());
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
        if (snapshotAttempted) {
            metric(json, "SnapshotSucceeded", "Count");
        }
        if (snapshotWritten) {
            metric(json, "SnapshotBytes", "Bytes");
        }
        json.endArray().endObject().endArray().endObject();
        json.member("Service", SERVICE)
                .member("SyncSucceeded", succeeded() ? 1 : 0)
                .member("SyncDurationMs", durationMs)
                .member("DocumentsCopied", documents);
        if (snapshotAttempted) {
            json.member("SnapshotSucceeded", snapshotWritten ? 1 : 0);
        }
        if (snapshotWritten) {
            json.member("SnapshotBytes", snapshot.bytes());
        }
        return json.member("status", status)
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
