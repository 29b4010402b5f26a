package io.dbsync.api.sync.snapshot.archive;

/**
 * The document right after the magic number. {@code concurrentCollections} is a hint: mongorestore
 * restores at least that many collections at once.
 */
public record ArchiveHeader(String formatVersion, String serverVersion, String toolVersion, int concurrentCollections) {
    /** The only archive format version mongo-tools has ever written. */
    public static final String FORMAT_VERSION = "0.1";

    public static ArchiveHeader of(String serverVersion, String toolVersion, int concurrentCollections) {
        return new ArchiveHeader(FORMAT_VERSION, serverVersion, toolVersion, concurrentCollections);
    }
}
