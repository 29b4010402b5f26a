package io.dbsync.api.runs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Run records in PostgreSQL: the audit trail, the history behind /runs, and freshness. */
public final class RunStore {
    private final Jdbi jdbi;

    public RunStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void recordStart(String id, String mode, String triggeredBy, boolean forced, Instant startedAt) {
        jdbi.useExtension(RunDao.class, dao -> dao.insertRunning(id, mode, triggeredBy, forced, RunDao.timestamp(startedAt)));
    }

    public void recordFinish(String id, String status, String mode, Instant finishedAt, long documents, long bytes,
                             String error, String resultJson) {
        jdbi.useExtension(RunDao.class, dao ->
                dao.finish(id, status, mode, RunDao.timestamp(finishedAt), documents, bytes, error, resultJson));
    }

    /** Closes the records of runs whose process died; returns how many. Call only while holding the run lock. */
    public int abandonRunning(Instant now) {
        return jdbi.withExtension(RunDao.class, dao -> dao.abandonRunning(RunDao.timestamp(now),
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
        return jdbi.withExtension(RunDao.class, RunDao::lastSuccessAt).map(OffsetDateTime::toInstant);
    }
}
