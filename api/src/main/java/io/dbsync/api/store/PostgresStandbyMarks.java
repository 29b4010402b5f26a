package io.dbsync.api.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The standby's mark in PostgreSQL ({@code standby_marks}): one row per standby. */
public final class PostgresStandbyMarks implements StandbyMarks {
    private final Jdbi jdbi;
    private final String targetKey;

    public PostgresStandbyMarks(Jdbi jdbi, String targetKey) {
        this.jdbi = jdbi;
        this.targetKey = targetKey;
    }

    @Override
    public Optional<Row> find() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT run_id, marked_at, mark::text AS mark FROM standby_marks WHERE target_key = :target")
                .bind("target", targetKey)
                .map(ConstructorMapper.of(Row.class))
                .findOne());
    }

    @Override
    public void save(String runId, Instant markedAt, String markJson) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "INSERT INTO standby_marks (target_key, run_id, marked_at, mark) "
                                + "VALUES (:target, :runId, :at, CAST(:mark AS jsonb)) ON CONFLICT (target_key) "
                                + "DO UPDATE SET run_id = EXCLUDED.run_id, marked_at = EXCLUDED.marked_at, mark = EXCLUDED.mark")
                .bind("target", targetKey)
                .bind("runId", runId)
                .bind("at", markedAt)
                .bind("mark", markJson)
                .execute());
    }
}
