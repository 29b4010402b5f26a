package io.dbsync.api.sync.snapshot;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.snapshot.archive.ArchiveEvent;
import io.dbsync.api.sync.snapshot.archive.ArchiveReader;
import io.dbsync.api.sync.snapshot.archive.NamespaceMetadata;
import io.dbsync.api.testing.MongoSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.BsonDocument;

/**
 * What a restore point holds, read back with the archive reader and its integrity checked: each
 * collection's documents as hex (sorted, so archive order does not matter; bytes must), its
 * indexes cleaned as {@link MongoSnapshot} cleans them, and its options. Comparable with a database.
 */
record RestorePointContents(Map<String, List<String>> documentsHex, Map<String, List<BsonDocument>> indexes,
                            Map<String, BsonDocument> options) {

    static RestorePointContents read(RestorePoints points, String id) throws IOException {
        RestorePoint point = points.find(id);
        try (VerifyingArchiveStream stream = points.open(point); ArchiveReader reader = ArchiveReader.open(stream)) {
            RestorePointContents contents = read(reader);
            stream.verifyToEnd(); // before the reader closes the stream
            return contents;
        }
    }

    static RestorePointContents read(InputStream archive) throws IOException {
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            return read(reader);
        }
    }

    private static RestorePointContents read(ArchiveReader reader) throws IOException {
        Map<String, List<String>> documents = new TreeMap<>();
        Map<String, List<BsonDocument>> indexes = new TreeMap<>();
        Map<String, BsonDocument> options = new TreeMap<>();
        for (NamespaceMetadata metadata : reader.namespaces()) {
            documents.put(metadata.collection(), new ArrayList<>());
            indexes.put(metadata.collection(), clean(metadata.indexes()));
            options.put(metadata.collection(), metadata.options());
        }
        Optional<ArchiveEvent> event;
        while ((event = reader.next()).isPresent()) {
            if (event.get() instanceof ArchiveEvent.Document document) {
                documents.get(document.namespace().collection()).add(hex(document.document()));
            }
        }
        documents.values().forEach(list -> list.sort(null));
        return new RestorePointContents(documents, indexes, options);
    }

    /** The database's documents (sorted hex) and indexes, to compare with {@link #documentsHex} and {@link #indexes}. */
    static RestorePointContents of(MongoDatabase database) {
        MongoSnapshot snapshot = MongoSnapshot.of(database);
        Map<String, List<String>> documents = new TreeMap<>();
        snapshot.documentsHex().forEach((name, hex) -> documents.put(name, hex.stream().sorted().toList()));
        Map<String, BsonDocument> options = new TreeMap<>();
        for (BsonDocument info : database.listCollections(BsonDocument.class)) {
            String name = info.getString("name").getValue();
            if (!name.startsWith("system.")) {
                options.put(name, info.getDocument("options", new BsonDocument()));
            }
        }
        return new RestorePointContents(documents, snapshot.indexes(), options);
    }

    long documentCount() {
        return documentsHex.values().stream().mapToLong(List::size).sum();
    }

    private static List<BsonDocument> clean(List<BsonDocument> specs) {
        List<BsonDocument> cleaned = new ArrayList<>();
        for (BsonDocument spec : specs) {
            BsonDocument copy = spec.clone();
            copy.remove("ns");
            copy.remove("v");
            cleaned.add(copy);
        }
        cleaned.sort((a, b) -> a.getString("name").getValue().compareTo(b.getString("name").getValue()));
        return cleaned;
    }

    private static String hex(org.bson.RawBsonDocument document) {
        java.nio.ByteBuffer buffer = document.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
