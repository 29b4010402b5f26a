package io.dbsync.api.runs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The runs table. */
@RegisterRowMapper(RunDao.RunMapper.class)
public interface RunDao {
    String COLUMNS = "id, status, mode, triggered_by, forced, started_at, finished_at, documents, bytes, error, result::text AS result";

    @SqlUpdate("INSERT INTO runs (id, status, mode, triggered_by, forced, started_at) "
            + "VALUES (:id, 'running', :mode, :triggeredBy, :forced, :startedAt)")
    void insertRunning(@Bind("id") String id, @Bind("mode") String mode, @Bind("triggeredBy") String triggeredBy,
                       @Bind("forced") boolean forced, @Bind("startedAt") Timestamp startedAt);

    @SqlUpdate("UPDATE runs SET status = :status, mode = :mode, finished_at = :finishedAt, documents = :documents, bytes = :bytes, "
            + "error = :error, result = CAST(:result AS jsonb) WHERE id = :id")
    void finish(@Bind("id") String id, @Bind("status") String status, @Bind("mode") String mode, @Bind("finishedAt") Timestamp finishedAt,
                @Bind("documents") long documents, @Bind("bytes") long bytes, @Bind("error") String error,
                @Bind("result") String resultJson);

    /** Marks runs left "running" by a process that died; only called while holding the run lock. */
    @SqlUpdate("UPDATE runs SET status = 'failed', finished_at = :now, error = :error WHERE status = 'running'")
    int abandonRunning(@Bind("now") Timestamp now, @Bind("error") String error);

    @SqlQuery("SELECT " + COLUMNS + " FROM runs WHERE id = :id")
    Optional<RunRecord> find(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM runs WHERE status = 'running' LIMIT 1")
    Optional<RunRecord> running();

    @SqlQuery("SELECT " + COLUMNS + " FROM runs ORDER BY started_at DESC LIMIT :limit")
    List<RunRecord> recent(@Bind("limit") int limit);

    @SqlQuery("SELECT max(finished_at) FROM runs WHERE status = 'completed'")
    Optional<OffsetDateTime> lastSuccessAt();

    /** Maps a row to a {@link RunRecord}. */
    class RunMapper implements RowMapper<RunRecord> {
        @Override
        public RunRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
            OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
            return new RunRecord(rs.getString("id"), rs.getString("status"), rs.getString("mode"),
                    rs.getString("triggered_by"), rs.getBoolean("forced"),
                    rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                    finished == null ? null : finished.toInstant(), rs.getLong("documents"), rs.getLong("bytes"),
                    rs.getString("error"), rs.getString("result"));
        }
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
