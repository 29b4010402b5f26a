package io.dbsync.api.sync;

import io.dbsync.api.sync.plan.RestoredCollection;
import io.dbsync.api.sync.snapshot.ManifestCollection;
import io.dbsync.api.sync.snapshot.RestorePoint;
import io.dbsync.api.sync.snapshot.RestorePointDamagedException;
import io.dbsync.api.sync.snapshot.RestorePoints;
import io.dbsync.api.sync.snapshot.VerifyingArchiveStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a restore reads: a restore point — its archive checked against its manifest (size, SHA-256,
 * and each collection's documents and CRC) — or an archive file written by {@code mongodump
 * --archive [--gzip]}, which has only its own CRCs.
 */
public final class ArchiveSource implements AutoCloseable {
    private final String description;
    private final InputStream stream;
    private final Optional<RestorePoint> point;

    private ArchiveSource(String description, InputStream stream, Optional<RestorePoint> point) {
        this.description = description;
        this.stream = stream;
        this.point = point;
    }

    public static ArchiveSource of(RestorePoints points, RestorePoint point) throws IOException {
        return new ArchiveSource("restore point " + point.id() + " (" + point.createdAt() + ", " + point.collections()
                + " collections, " + point.documents() + " documents)", points.open(point), Optional.of(point));
    }

    /** A mongodump archive file; a missing one is a clear error, not a stack trace. */
    public static ArchiveSource file(Path path) throws IOException {
        try {
            return new ArchiveSource("archive file " + path, new BufferedInputStream(Files.newInputStream(path), 1 << 16),
                    Optional.empty());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("there is no archive file " + path);
        }
    }

    public String description() {
        return description;
    }

    InputStream stream() {
        return stream;
    }

    /** A collection's documents as the manifest records them, for progress; 0 when unknown (a mongodump file). */
    long expectedDocuments(String collection) {
        return manifestEntry(collection).map(ManifestCollection::documents).orElse(0L);
    }

    long expectedBytes(String collection) {
        return manifestEntry(collection).map(ManifestCollection::bytes).orElse(0L);
    }

    /**
     * Once every document was read: a restore point's archive must end where and as its manifest
     * says, and each restored collection must hold the documents and CRC the manifest recorded.
     */
    void verify(Map<String, RestoredCollection> restored) throws IOException {
        if (point.isEmpty()) {
            return;
        }
        ((VerifyingArchiveStream) stream).verifyToEnd();
        for (RestoredCollection collection : restored.values()) {
            ManifestCollection recorded = manifestEntry(collection.name()).orElseThrow(() -> new RestorePointDamagedException(
                    point.get().id(), "its archive holds collection '" + collection.name() + "', its manifest does not"));
            if (collection.documents() != recorded.documents() || !collection.crc().equals(recorded.crc())) {
                throw new RestorePointDamagedException(point.get().id(), "collection '" + collection.name() + "' holds "
                        + collection.documents() + " documents with CRC " + collection.crc() + ", its manifest records "
                        + recorded.documents() + " with CRC " + recorded.crc());
            }
        }
    }

    /** The manifest names collections {@code db.collection}; a database name never holds a dot. */
    private Optional<ManifestCollection> manifestEntry(String collection) {
        return point.flatMap(p -> p.manifest().collections().stream()
                .filter(entry -> entry.name().substring(entry.name().indexOf('.') + 1).equals(collection)).findFirst());
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // nothing was read from it
        }
    }
}
