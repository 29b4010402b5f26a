package io.dbsync.api.testing;

import io.dbsync.api.store.StandbyMarks;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A standby mark kept in memory, for runs driven without PostgreSQL (the memory probe). */
public final class MemoryMarks implements StandbyMarks {
    private final AtomicReference<Row> row = new AtomicReference<>();

    @Override
    public Optional<Row> find() {
        return Optional.ofNullable(row.get());
    }

    @Override
    public void save(String runId, Instant markedAt, String markJson) {
        row.set(new Row(runId, markedAt, markJson));
    }
}
