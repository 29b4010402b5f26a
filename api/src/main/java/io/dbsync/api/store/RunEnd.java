package io.dbsync.api.store;

import java.time.Instant;

/**
 * How a run ended, as the runs table records it.
 *
 * @param result the whole result as JSON
 */
public record RunEnd(String id, String status, String mode, Instant finishedAt, long documents, long bytes, String error,
                     String result) {
}
