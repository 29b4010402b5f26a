package io.dbsync.scheduler;

/** The run ended, but not {@code completed}: {@code failed}, {@code refused} or another status. */
public final class SyncFailedException extends SchedulerException {
    SyncFailedException(String status, String runId, String message) {
        super(status, runId, message, null);
    }
}
