package io.dbsync.scheduler;

/** The invocation's time budget ran out before the run ended (the run itself may still finish). */
public final class SyncTimeoutException extends SchedulerException {
    SyncTimeoutException(String runId, String message, Throwable cause) {
        super("timeout", runId, message, cause);
    }
}
