package io.dbsync.scheduler;

import java.util.Optional;

/**
 * The one unchecked failure of an invocation. Its {@link #status()} becomes the summary line's
 * status and its message the line's {@code error}, so messages name the run or variable they are
 * about and never carry a secret.
 */
public class SchedulerException extends RuntimeException {
    private final String status;
    private final String runId;

    SchedulerException(String status, String runId, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.runId = runId;
    }

    /** The summary status: {@code failed}, {@code refused}, {@code timeout}, {@code error}, … */
    public String status() {
        return status;
    }

    /** The run this failure is about, when one was started or found. */
    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }
}
