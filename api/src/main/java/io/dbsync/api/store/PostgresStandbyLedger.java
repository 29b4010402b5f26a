package io.dbsync.api.store;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ledger in PostgreSQL ({@code standby_collections}), keyed by the endpoints' identities, never by URIs. */
public final class PostgresStandbyLedger implements StandbyLedger {
    private final Jdbi jdbi;
    private final String sourceKey;
    private final String targetKey;
    private final Clock clock;

    public PostgresStandbyLedger(Jdbi jdbi, String sourceKey, String targetKey, Clock clock) {
        this.jdbi = jdbi;
        this.sourceKey = sourceKey;
        this.targetKey = targetKey;
        this.clock = clock;
    }

    @Override
    public Map<String, Entry> entries() {
        List<Entry> rows = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT collection, position, run_id FROM standby_collections "
                                + "WHERE source_key = :source AND target_key = :target ORDER BY collection")
                .bind("source", sourceKey)
                .bind("target", targetKey)
                .map(ConstructorMapper.of(Entry.class))
                .list());
        Map<String, Entry> byName = new LinkedHashMap<>();
        rows.forEach(entry -> byName.put(entry.collection(), entry));
        return byName;
    }

    @Override
    public void save(String collection, String position, String runId) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "INSERT INTO standby_collections (source_key, target_key, collection, position, run_id, updated_at) "
                                + "VALUES (:source, :target, :collection, :position, :runId, :now) "
                                + "ON CONFLICT (source_key, target_key, collection) "
                                + "DO UPDATE SET position = EXCLUDED.position, run_id = EXCLUDED.run_id, updated_at = EXCLUDED.updated_at")
                .bind("source", sourceKey)
                .bind("target", targetKey)
                .bind("collection", collection)
                .bind("position", position)
                .bind("runId", runId)
                .bind("now", clock.instant())
                .execute());
    }

    @Override
    public void forget(String collection) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "DELETE FROM standby_collections WHERE source_key = :source AND target_key = :target "
                                + "AND collection = :collection")
                .bind("source", sourceKey)
                .bind("target", targetKey)
                .bind("collection", collection)
                .execute());
    }
}
