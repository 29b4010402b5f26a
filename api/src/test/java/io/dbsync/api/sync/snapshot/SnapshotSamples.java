package io.dbsync.api.sync.snapshot;

import io.dbsync.api.sync.snapshot.archive.ArchiveEvent;
import io.dbsync.api.sync.snapshot.archive.ArchiveHeader;
import io.dbsync.api.sync.snapshot.archive.ArchiveReader;
import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;
import io.dbsync.api.sync.snapshot.archive.Namespace;
import io.dbsync.api.sync.snapshot.archive.NamespaceFigures;
import io.dbsync.api.sync.snapshot.archive.NamespaceMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/** Archives of a few namespaces with seeded random payloads (incompressible, so sizes are predictable). */
final class SnapshotSamples {
    static final ArchiveHeader HEADER = ArchiveHeader.of("7.0.2", "dbsync-test", 2);
    static final List<NamespaceMetadata> NAMESPACES = List.of(collection("orders"), collection("customers"), collection("empty"));

    private SnapshotSamples() {
    }

    static NamespaceMetadata collection(String name) {
        BsonDocument idIndex = new BsonDocument("v", new BsonInt32(2)).append("key", new BsonDocument("_id", new BsonInt32(1)))
                .append("name", new BsonString("_id_"));
        return NamespaceMetadata.collection("shop", name, List.of(idIndex));
    }

    static RawBsonDocument document(int id, int payloadBytes, long seed) {
        byte[] payload = new byte[payloadBytes];
        new Random(seed * 1_000_003L + id).nextBytes(payload);
        return new RawBsonDocument(new BsonDocument("_id", new BsonInt32(id)).append("payload", new BsonBinary(payload)),
                new BsonDocumentCodec());
    }

    /**
     * Writes an archive of about {@code approximateBytes} into {@code out}: two thirds in
     * {@code shop.orders}, a third in {@code shop.customers}, none in {@code shop.empty}, the two
     * interleaved in batches. Returns the manifest entries.
     */
    static List<ManifestCollection> writeArchive(OutputStream out, long approximateBytes, long seed,
            ArchiveWriter.Compression compression) throws IOException {
        int documentBytes = approximateBytes < 3 * 64 * 1024 ? 1024 : 64 * 1024;
        long documents = Math.max(3, approximateBytes / documentBytes);
        List<NamespaceFigures> figures;
        try (ArchiveWriter writer = ArchiveWriter.create(out, compression)) {
            writer.begin(HEADER, NAMESPACES);
            Namespace orders = NAMESPACES.get(0).namespace();
            Namespace customers = NAMESPACES.get(1).namespace();
            for (int id = 0; id < documents; id++) {
                writer.write(id % 3 == 2 ? customers : orders, document(id, documentBytes, seed));
            }
            NAMESPACES.forEach(metadata -> endQuietly(writer, metadata.dataNamespace()));
            figures = writer.finish();
        }
        List<ManifestCollection> collections = new ArrayList<>();
        for (int i = 0; i < NAMESPACES.size(); i++) {
            collections.add(ManifestCollection.of(NAMESPACES.get(i), figures.get(i)));
        }
        return collections;
    }

    /** Writes a whole restore point of about {@code approximateBytes} and completes it. */
    static RestorePoint writeRestorePoint(RestorePoints restorePoints, String runId, long approximateBytes, long seed)
            throws IOException {
        try (RestorePointUpload upload = restorePoints.begin(runId, "cluster0.example.net/shop", ArchiveWriter.Compression.GZIP)) {
            List<ManifestCollection> collections = writeArchive(upload.stream(), approximateBytes, seed,
                    ArchiveWriter.Compression.GZIP);
            return upload.complete(collections);
        }
    }

    /**
     * Reads an archive through {@link ArchiveReader} to its end and counts its documents (every CRC
     * checked). Leaves {@code archive} open: the caller may still verify what follows.
     */
    static long documentsIn(InputStream archive) throws IOException {
        long documents = 0;
        ArchiveReader reader = ArchiveReader.open(archive);
        for (Optional<ArchiveEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
            if (event.get() instanceof ArchiveEvent.Document) {
                documents++;
            }
        }
        return documents;
    }

    private static void endQuietly(ArchiveWriter writer, Namespace namespace) {
        try {
            writer.endNamespace(namespace);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
