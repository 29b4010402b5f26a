package io.dbsync.api.sync;

import io.dbsync.api.sync.plan.SyncFailedException;

/** The deletion guard refused the run; nothing was swapped. */
public class RunRefusedException extends SyncFailedException {
    public RunRefusedException(String message) {
        super(message);
    }
}
