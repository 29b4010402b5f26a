package io.dbsync.infra;

import java.util.Map;

/**
 * What the infrastructure relies on in the scheduler Lambda (issue 5, {@code docs/scheduler.md}):
 * handler, environment variable names and the log/metric vocabulary. One place, so a change on
 * either side is a one-line diff here and a failing test, not a silently deaf alarm.
 */
public final class SchedulerContract {

    /** The Lambda entry point in the shaded jar. */
    public static final String HANDLER = "io.dbsync.scheduler.SyncTriggerHandler::handleRequest";
    /** A class file the shaded jar must contain; used to reject a wrong jar at synth time. */
    public static final String HANDLER_CLASS_ENTRY = "io/dbsync/scheduler/SyncTriggerHandler.class";

    public static final String ENV_URL = "DBSYNC_URL";
    public static final String ENV_USERNAME = "DBSYNC_USERNAME";
    public static final String ENV_PASSWORD_SECRET_ID = "DBSYNC_PASSWORD_SECRET_ID";
    public static final String ENV_HTTP_TIMEOUT_SECONDS = "DBSYNC_HTTP_TIMEOUT_SECONDS";
    /**
     * Port of the Parameters and Secrets extension; CDK passes it to the function (and so to the
     * handler) as {@code PARAMETERS_SECRETS_EXTENSION_HTTP_PORT}.
     */
    public static final int EXTENSION_HTTP_PORT = 2773;
    /** The handler's own default; the Lambda timeout must exceed it. */
    public static final int DEFAULT_HTTP_TIMEOUT_SECONDS = 40;
    /** Time the handler keeps in hand before Lambda's timeout to print its lines and return. */
    public static final int SAFETY_MARGIN_SECONDS = 3;

    /** {@code "event"} of the one summary line per invocation. */
    public static final String SUMMARY_EVENT = "dbsync.sync";
    /** {@code "level"} of the summary line when the run did not complete. */
    public static final String FAILURE_LEVEL = "ERROR";

    /** Namespace of the scheduler's Embedded Metric Format line and of the metric filter's metric. */
    public static final String METRIC_NAMESPACE = "DbSync";
    /** EMF metric: 1 when the run completed, 0 otherwise. */
    public static final String METRIC_SYNC_SUCCEEDED = "SyncSucceeded";
    /** EMF metric: the run's duration in milliseconds. */
    public static final String METRIC_SYNC_DURATION_MS = "SyncDurationMs";
    /** EMF metric: documents copied by the run. */
    public static final String METRIC_DOCUMENTS_COPIED = "DocumentsCopied";
    /** Published by this stack's metric filter: one per failure summary line. */
    public static final String METRIC_SYNC_FAILURE_LINES = "SyncFailureLines";
    /** Published by this stack's metric filter: one per completed summary line (the dashboard's "last success"). */
    public static final String METRIC_SYNC_COMPLETED_LINES = "SyncCompletedLines";
    /** {@code "status"} of a summary line for a run that completed. */
    public static final String STATUS_COMPLETED = "completed";

    /** {@code "event"} of the restore-point line the scheduler prints when a run was due one (issue 15). */
    public static final String SNAPSHOT_EVENT = "dbsync.snapshot";
    /** {@code "status"} of the restore-point line when writing it failed (the run itself may still be completed). */
    public static final String SNAPSHOT_STATUS_FAILED = "failed";
    /** EMF metric: 1 when a due restore point was written, 0 when it failed; absent when none was due. */
    public static final String METRIC_SNAPSHOT_SUCCEEDED = "SnapshotSucceeded";
    /** EMF metric: bytes of the restore point written. */
    public static final String METRIC_SNAPSHOT_BYTES = "SnapshotBytes";
    /** Published by this stack's metric filter: one per failed restore-point line. */
    public static final String METRIC_SNAPSHOT_FAILURE_LINES = "SnapshotFailureLines";
    /**
     * Dimensions of the scheduler's EMF metrics. CloudWatch treats each dimension set as its own
     * metric, so the freshness alarm must name exactly these or it watches a metric that never
     * receives data (and, with missing data breaching, alarms forever).
     */
    public static final Map<String, String> METRIC_DIMENSIONS = Map.of("Service", "dbsync");

    private SchedulerContract() {
    }
}
