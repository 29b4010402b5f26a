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
    /** Published by this stack's metric filter: one per failure summary line. */
    public static final String METRIC_SYNC_FAILURE_LINES = "SyncFailureLines";
    /**
     * Dimensions of the scheduler's EMF metrics. CloudWatch treats each dimension set as its own
     * metric, so the freshness alarm must name exactly these or it watches a metric that never
     * receives data (and, with missing data breaching, alarms forever).
     */
    public static final Map<String, String> METRIC_DIMENSIONS = Map.of("Service", "dbsync");

    private SchedulerContract() {
    }
}
