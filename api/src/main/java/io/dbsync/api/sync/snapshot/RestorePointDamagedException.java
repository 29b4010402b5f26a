package io.dbsync.api.sync.snapshot;

import io.dbsync.api.DbSyncException;

/**
 * A restore point cannot be trusted: its archive is missing, of the wrong size, or its bytes do not
 * give the SHA-256 its manifest recorded. The message names the restore point.
 */
public class RestorePointDamagedException extends DbSyncException {
    private final String id;

    public RestorePointDamagedException(String id, String problem) {
        super("restore point " + id + " is damaged: " + problem);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
