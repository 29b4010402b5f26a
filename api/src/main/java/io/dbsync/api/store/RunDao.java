package io.dbsync.api.store;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The runs table. */
@RegisterConstructorMapper(RunRecord.class)
public interface RunDao {
    String COLUMNS = "id, status, mode, triggered_by, forced, started_at, finished_at, documents, bytes, error, "
            + "result::text AS result, live::text AS live";

    @SqlUpdate("INSERT INTO runs (id, status, mode, triggered_by, forced, started_at) "
            + "VALUES (:id, 'running', :mode, :triggeredBy, :forced, :startedAt)")
    void insertRunning(@Bind("id") String id, @Bind("mode") String mode, @Bind("triggeredBy") String triggeredBy,
                       @Bind("forced") boolean forced, @Bind("startedAt") Instant startedAt);

    @SqlUpdate("UPDATE runs SET status = :status, mode = :mode, finished_at = :finishedAt, documents = :documents, bytes = :bytes, "
            + "error = :error, result = CAST(:result AS jsonb), live = NULL WHERE id = :id")
    void finish(@BindMethods RunEnd end);

    @SqlUpdate("UPDATE runs SET documents = :documents, bytes = :bytes, live = CAST(:live AS jsonb) "
            + "WHERE id = :id AND status = 'running'")
    void progress(@Bind("id") String id, @Bind("documents") long documents, @Bind("bytes") long bytes,
                  @Bind("live") String liveJson);

    /** Marks runs left "running" by a process that died; only called while holding the run lock. */
    @SqlUpdate("UPDATE runs SET status = 'failed', finished_at = :now, error = :error WHERE status = 'running'")
    int abandonRunning(@Bind("now") Instant now, @Bind("error") String error);

    @SqlQuery("SELECT " + COLUMNS + " FROM runs WHERE id = :id")
    Optional<RunRecord> find(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM runs WHERE status = 'running' LIMIT 1")
    Optional<RunRecord> running();

    @SqlQuery("SELECT " + COLUMNS + " FROM runs ORDER BY started_at DESC LIMIT :limit")
    List<RunRecord> recent(@Bind("limit") int limit);

    @SqlQuery("SELECT max(finished_at) FROM runs WHERE status = 'completed'")
    Optional<Instant> lastSuccessAt();
}
