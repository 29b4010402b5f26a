package io.dbsync.scheduler;

/** The password could not be read from Secrets Manager; the invocation fails closed. */
public final class SecretUnavailableException extends SchedulerException {
    SecretUnavailableException(String message, Throwable cause) {
        super("secret_error", null, message, cause);
    }
}
