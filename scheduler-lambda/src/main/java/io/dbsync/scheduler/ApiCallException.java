package io.dbsync.scheduler;

/**
 * The API could not be reached, refused us (401, 429, …) or answered something we cannot read.
 * Not a statement about the sync itself: the run may not exist, or may still be going.
 */
public final class ApiCallException extends SchedulerException {
    ApiCallException(String runId, String message, Throwable cause) {
        super("error", runId, message, cause);
    }
}
