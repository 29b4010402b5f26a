package io.dbsync.api.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Where one standby stood right after dbsync's last write (the mark the divergence guard compares
 * the standby with): written after a run's last write, read before the next run writes anything.
 */
public interface StandbyMarks {

    /** A stored mark: the JSON the engine wrote, and when and by which run. */
    record Row(String runId, Instant markedAt, String mark) {
    }

    Optional<Row> find();

    void save(String runId, Instant markedAt, String markJson);
}
