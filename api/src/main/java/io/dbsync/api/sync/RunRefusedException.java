package io.dbsync.api.sync;

/** The deletion guard refused the run; nothing was swapped. */
public class RunRefusedException extends SyncFailedException {
    public RunRefusedException(String message) {
        super(message);
    }
}
