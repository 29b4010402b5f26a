package io.dbsync.api.config;

import java.time.Duration;

/**
 * Tunables of the copy engine.
 *
 * @param batchDocuments      most documents in one insert batch
 * @param batchBytes          most raw bytes in one insert batch (a larger single document goes alone)
 * @param parallelCollections collections copied at once
 * @param writersPerCollection insert workers fed by each collection's reader
 * @param maxCursorResumes    how often a lost source cursor is re-opened after the last {@code _id} before the run fails
 * @param mongoTimeout        server selection and connect timeout towards both MongoDB servers
 * @param mongoReadTimeout    socket read timeout: the longest one server reply may take (index builds included)
 * @param verify              how staged collections are checked before the swap
 */
public record SyncSettings(
        int batchDocuments,
        int batchBytes,
        int parallelCollections,
        int writersPerCollection,
        int maxCursorResumes,
        Duration mongoTimeout,
        Duration mongoReadTimeout,
        VerifyMode verify) {

    public static final int MAX_BATCH_BYTES = 48 * 1000 * 1000; // MongoDB's maxMessageSizeBytes

    public SyncSettings {
        requireRange("SYNC_BATCH_DOCUMENTS", batchDocuments, 1, 100_000);
        requireRange("SYNC_BATCH_BYTES", batchBytes, 1024, MAX_BATCH_BYTES);
        requireRange("SYNC_PARALLEL_COLLECTIONS", parallelCollections, 1, 64);
        requireRange("SYNC_WRITERS_PER_COLLECTION", writersPerCollection, 1, 64);
        requireRange("SYNC_MAX_CURSOR_RESUMES", maxCursorResumes, 0, 1000);
    }

    /** The defaults used when no variable overrides them. */
    public static SyncSettings defaults() {
        return new SyncSettings(1000, 8 * 1024 * 1024, 2, 2, 5, Duration.ofSeconds(30),
                Duration.ofMinutes(5), VerifyMode.COUNT);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    public SyncSettings withMongoTimeouts(Duration connect, Duration read, int resumes) {
        return new SyncSettings(batchDocuments, batchBytes, parallelCollections, writersPerCollection,
                resumes, connect, read, verify);
    }

    public SyncSettings withParallelism(int collections, int writers) {
        return new SyncSettings(batchDocuments, batchBytes, collections, writers,
                maxCursorResumes, mongoTimeout, mongoReadTimeout, verify);
    }

    public SyncSettings withVerify(VerifyMode mode) {
        return new SyncSettings(batchDocuments, batchBytes, parallelCollections, writersPerCollection,
                maxCursorResumes, mongoTimeout, mongoReadTimeout, mode);
    }

    public SyncSettings withBatch(int documents, int bytes) {
        return new SyncSettings(documents, bytes, parallelCollections, writersPerCollection,
                maxCursorResumes, mongoTimeout, mongoReadTimeout, verify);
    }
}
