package io.dbsync.api.store;

import java.time.Instant;

/**
 * A row of the runs table, mapped by Jdbi's constructor mapper (snake_case columns).
 *
 * @param result the whole result as JSON once the run has ended, else null
 * @param live   while it runs: its per-collection figures as JSON, saved every few seconds; else null
 */
public record RunRecord(String id, String status, String mode, String triggeredBy, boolean forced,
                        Instant startedAt, Instant finishedAt, long documents, long bytes, String error,
                        String result, String live) {
}
