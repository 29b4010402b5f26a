package io.dbsync.api.sync.snapshot;

/**
 * A restore point whose manifest exists but which cannot be restored: its archive is missing or of
 * another size than recorded, or the manifest cannot be read. Listed so nobody counts on it;
 * retention leaves it alone for an operator to look at and delete.
 */
public record DamagedRestorePoint(String id, String problem) {
}
