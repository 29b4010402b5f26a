package io.dbsync.api.cli;

import io.dbsync.api.sync.SyncResult;

/** Shows a run's live figures while it goes, and its outcome when it ends. */
interface ProgressDisplay extends AutoCloseable {

    /** The run's state now (its {@code live} list has one entry per collection). */
    void update(SyncResult snapshot);

    @Override
    void close();
}
