package io.dbsync.api.cli;

import io.dbsync.api.sync.CollectionProgress;
import java.util.List;

/** Shows a run's live figures while it goes, and its outcome when it ends. */
interface ProgressDisplay extends AutoCloseable {

    /** The figures now, one entry per collection (a run's {@code live} list, or a restore's). */
    void update(List<CollectionProgress> live);

    @Override
    void close();
}
