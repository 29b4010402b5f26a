package io.dbsync.api.store;

import org.jdbi.v3.core.Jdbi;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Run records in PostgreSQL: the audit trail, the history behind /runs, and freshness. */
public final class RunStore {
    private final Jdbi jdbi;

    public RunStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void recordStart(String id, String mode, String triggeredBy, boolean forced, Instant startedAt) {
        jdbi.useExtension(RunDao.class, dao -> dao.insertRunning(id, mode, triggeredBy, forced, startedAt));
    }

    public void recordFinish(RunEnd end) {
        jdbi.useExtension(RunDao.class, dao -> dao.finish(end));
    }

    /**
     * Bytes the runs since {@code since} moved, from their results: into the standby, out of it, and
     * out of the source; with the earliest such run's start (null when there was none).
     */
    public TransferTotals transferSince(Instant since) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT "
                        + "coalesce(sum((result->'traffic'->>'standbyBytesWritten')::bigint), 0) AS standby_in, "
                        + "coalesce(sum((result->'traffic'->>'standbyBytesRead')::bigint), 0) AS standby_out, "
                        + "coalesce(sum((result->'traffic'->>'sourceBytesRead')::bigint), 0) AS source_out, "
                        + "min(started_at) AS earliest FROM runs WHERE started_at >= :since AND result ? 'traffic'")
                .bind("since", since)
                .map(org.jdbi.v3.core.mapper.reflect.ConstructorMapper.of(TransferTotals.class)).one());
    }

    /** A running run's figures so far, for other instances and the command line. */
    public void recordProgress(String id, long documents, long bytes, String liveJson) {
        jdbi.useExtension(RunDao.class, dao -> dao.progress(id, documents, bytes, liveJson));
    }

    /** Closes the records of runs whose process died; returns how many. Call only while holding the run lock. */
    public int abandonRunning(Instant now) {
        return jdbi.withExtension(RunDao.class, dao -> dao.abandonRunning(now,
                "abandoned: the API instance running it stopped before it finished; the standby was not swapped "
                        + "unless a later run says so"));
    }

    public Optional<RunRecord> find(String id) {
        return jdbi.withExtension(RunDao.class, dao -> dao.find(id));
    }

    public List<RunRecord> recent(int limit) {
        return jdbi.withExtension(RunDao.class, dao -> dao.recent(limit));
    }

    public Optional<Instant> lastSuccessAt() {
        return jdbi.withExtension(RunDao.class, RunDao::lastSuccessAt);
    }
}
