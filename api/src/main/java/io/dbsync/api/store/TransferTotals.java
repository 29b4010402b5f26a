package io.dbsync.api.store;

import java.time.Instant;

/**
 * What recent runs moved, from their stored results.
 *
 * @param earliest the first of those runs' start, or null when there were none
 */
public record TransferTotals(long standbyIn, long standbyOut, long sourceOut, Instant earliest) {
}
