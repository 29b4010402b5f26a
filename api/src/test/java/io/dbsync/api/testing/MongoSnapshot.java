package io.dbsync.api.testing;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;

/** Every collection of a database as raw BSON bytes in {@code _id} order, plus its index specs: for exact comparisons. */
public record MongoSnapshot(Map<String, List<String>> documentsHex, Map<String, List<BsonDocument>> indexes) {

    public static MongoSnapshot of(MongoDatabase database) {
        Map<String, List<String>> documents = new TreeMap<>();
        Map<String, List<BsonDocument>> indexes = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (name.startsWith("system.")) {
                continue;
            }
            List<String> hex = new ArrayList<>();
            for (RawBsonDocument document : database.getCollection(name, RawBsonDocument.class).find()
                    .sort(new BsonDocument("_id", new BsonInt32(1))).batchSize(500)) {
                hex.add(toHex(document));
            }
            documents.put(name, hex);
            List<BsonDocument> specs = new ArrayList<>();
            for (BsonDocument spec : database.getCollection(name).listIndexes(BsonDocument.class)) {
                BsonDocument copy = spec.clone();
                copy.remove("ns");
                copy.remove("v");
                specs.add(copy);
            }
            specs.sort((a, b) -> a.getString("name").getValue().compareTo(b.getString("name").getValue()));
            indexes.put(name, specs);
        }
        return new MongoSnapshot(documents, indexes);
    }

    private static String toHex(RawBsonDocument document) {
        java.nio.ByteBuffer buffer = document.getByteBuffer().asNIO();
        StringBuilder hex = new StringBuilder(buffer.remaining() * 2);
        while (buffer.hasRemaining()) {
            hex.append(String.format("%02x", buffer.get()));
        }
        return hex.toString();
    }

    public int documentCount() {
        return documentsHex.values().stream().mapToInt(List::size).sum();
    }
}
