package io.dbsync.api.sync.plan;

import io.dbsync.api.DbSyncException;

/** A run cannot complete; the message names the collection and what went wrong. */
public class SyncFailedException extends DbSyncException {
    public SyncFailedException(String message) {
        super(message);
    }

    public SyncFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
