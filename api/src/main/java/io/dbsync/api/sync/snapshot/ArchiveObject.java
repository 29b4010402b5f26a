package io.dbsync.api.sync.snapshot;

import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;

/**
 * The archive object of a restore point: its key in the store, its size in bytes, the SHA-256 of
 * all those bytes (lower-case hex) and its compression ({@value #GZIP} or {@value #NONE}).
 */
public record ArchiveObject(String key, long bytes, String sha256, String compression) {
    public static final String GZIP = "gzip";
    public static final String NONE = "none";

    public ArchiveObject {
        SnapshotStore.checkKey(key);
        if (bytes < 0 || sha256 == null || !sha256.matches("[0-9a-f]{64}") || !(GZIP.equals(compression) || NONE.equals(compression))) {
            throw new IllegalArgumentException("an incomplete description of archive " + key);
        }
    }

    /** How the manifest names the writer's compression (both gzip levels read the same). */
    public static String compressionOf(ArchiveWriter.Compression compression) {
        return compression == ArchiveWriter.Compression.NONE ? NONE : GZIP;
    }
}
