package io.dbsync.api.sync;

/**
 * What was copied for one collection.
 *
 * @param documents documents written to the standby
 * @param bytes     raw BSON bytes written
 * @param indexes   indexes created besides {@code _id}
 * @param verified     documents read = written = counted on the staging collection, and index specs equal
 *                     (and with {@code digest}, the raw bytes read back from staging hash like those read)
 * @param verification {@code count} or {@code digest}: which checks {@code verified} stands for
 */
public record CollectionResult(String name, String type, long documents, long bytes, int indexes,
                               long durationMs, boolean verified, String verification) {
}
