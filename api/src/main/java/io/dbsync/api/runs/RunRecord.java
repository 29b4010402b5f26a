package io.dbsync.api.runs;

import java.time.Instant;

/**
 * A row of the runs table.
 *
 * @param resultJson the whole result as JSON once the run has ended, else null
 */
public record RunRecord(String id, String status, String mode, String triggeredBy, boolean forced,
                        Instant startedAt, Instant finishedAt, long documents, long bytes, String error,
                        String resultJson) {
}
