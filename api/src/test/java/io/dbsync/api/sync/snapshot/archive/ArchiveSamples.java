package io.dbsync.api.sync.snapshot.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/** Documents, metadata and whole archives for the archive tests. */
final class ArchiveSamples {
    static final ArchiveHeader HEADER = ArchiveHeader.of("7.0.2", "dbsync-test", 2);

    private ArchiveSamples() {
    }

    static RawBsonDocument document(int id, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        for (int i = 0; i < payloadBytes; i++) {
            payload[i] = (byte) (id * 31 + i);
        }
        return new RawBsonDocument(new BsonDocument("_id", new BsonInt32(id))
                .append("name", new BsonString("document " + id))
                .append("payload", new BsonBinary(payload)), new BsonDocumentCodec());
    }

    static List<RawBsonDocument> documents(int count, int firstId) {
        List<RawBsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(document(firstId + i, (i * 37) % 500));
        }
        return documents;
    }

    static NamespaceMetadata collection(String name) {
        return NamespaceMetadata.collection("shop", name, List.of(idIndex()));
    }

    static BsonDocument idIndex() {
        return new BsonDocument("v", new BsonInt32(2)).append("key", new BsonDocument("_id", new BsonInt32(1)))
                .append("name", new BsonString("_id_"));
    }

    /** An archive holding each namespace's documents in one block, in map order. */
    static byte[] archive(Map<NamespaceMetadata, List<RawBsonDocument>> contents, ArchiveWriter.Compression compression) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArchiveWriter writer = ArchiveWriter.create(bytes, compression)) {
            writer.begin(HEADER, List.copyOf(contents.keySet()));
            for (Map.Entry<NamespaceMetadata, List<RawBsonDocument>> entry : contents.entrySet()) {
                writer.writeBatch(entry.getKey().dataNamespace(), entry.getValue());
                writer.endNamespace(entry.getKey().dataNamespace());
            }
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Every event of an archive, read to its end. */
    static List<ArchiveEvent> readAll(byte[] archive) throws IOException {
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive))) {
            List<ArchiveEvent> events = new ArrayList<>();
            for (Optional<ArchiveEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
                events.add(event.get());
            }
            return events;
        }
    }

    /** The documents of each namespace, in the order read. */
    static Map<Namespace, List<RawBsonDocument>> documentsByNamespace(List<ArchiveEvent> events) {
        Map<Namespace, List<RawBsonDocument>> byNamespace = new LinkedHashMap<>();
        for (ArchiveEvent event : events) {
            if (event instanceof ArchiveEvent.Document document) {
                byNamespace.computeIfAbsent(document.namespace(), ns -> new ArrayList<>()).add(document.document());
            }
        }
        return byNamespace;
    }

    static long crcOf(List<? extends BsonDocument> documents) {
        Crc64Ecma crc = new Crc64Ecma();
        for (BsonDocument document : documents) {
            RawBsonDocument raw = document instanceof RawBsonDocument r ? r : new RawBsonDocument(document, new BsonDocumentCodec());
            crc.update(raw.getByteBuffer().asNIO());
        }
        return crc.value();
    }
}
