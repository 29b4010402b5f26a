package io.dbsync.api.sync.snapshot;

import io.dbsync.api.DbSyncException;

/** No complete restore point has the id asked for (or there is none at all, for {@code latest}). */
public class RestorePointNotFoundException extends DbSyncException {
    public RestorePointNotFoundException(String message) {
        super(message);
    }
}
