package io.dbsync.api.sync;

/**
 * What a run cost each server: operations (each a round trip; Atlas M0 budgets 100 a second) and
 * bytes (Atlas's shared tiers allow 10 GB in and 10 GB out a rolling week) — documents read from
 * the source, written to the standby, and read back from the standby.
 */
public record Traffic(long sourceOperations, long standbyOperations, long sourceBytesRead, long standbyBytesWritten,
                      long standbyBytesRead) {
}
