package io.dbsync.api;

/** The one unchecked root of dbsync's own failures; subclasses name what they are about. */
public class DbSyncException extends RuntimeException {
    public DbSyncException(String message) {
        super(message);
    }

    public DbSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
