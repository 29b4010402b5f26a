package io.dbsync.api.sync;

/**
 * A request to start a run.
 *
 * @param triggeredBy the authenticated user, or {@code schedule}
 */
public record SyncRequest(String triggeredBy) {
}
