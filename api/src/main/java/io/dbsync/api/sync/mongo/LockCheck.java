package io.dbsync.api.sync.mongo;

import io.dbsync.api.sync.plan.SyncFailedException;

/** Whether the run still holds its lock: asked before every step that writes the standby. */
@FunctionalInterface
public interface LockCheck {

    boolean held();

    /** Throws when the lock is gone (its PostgreSQL session died), so the run stops writing. */
    public default void require(String when) {
        if (!held()) {
            throw new SyncFailedException("the run lost its lock " + when + " (its PostgreSQL session ended); "
                    + "it stopped without writing further");
        }
    }
}
