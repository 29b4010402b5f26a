package io.dbsync.api.sync.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Reads, recreates and compares index specifications, keeping every option the source reports. */
public final class IndexSpecs {
    // Fields that describe the server's bookkeeping, not the index: they are set by the server itself.
    private static final Set<String> SERVER_FIELDS = Set.of("v", "ns", "background");

    private IndexSpecs() {
    }

    /** The collection's index specs besides {@code _id} (and a clustered index), cleaned for re-creation. */
    public static List<BsonDocument> read(MongoCollection<?> collection) {
        List<BsonDocument> specs = new ArrayList<>();
        for (BsonDocument spec : collection.listIndexes(BsonDocument.class)) {
            String name = spec.getString("name", new BsonString("")).getValue();
            if (name.equals("_id_") || spec.getBoolean("clustered", org.bson.BsonBoolean.FALSE).getValue()) {
                continue;
            }
            specs.add(clean(spec));
        }
        return specs;
    }

    public static BsonDocument clean(BsonDocument spec) {
        BsonDocument cleaned = new BsonDocument();
        for (Map.Entry<String, org.bson.BsonValue> field : spec.entrySet()) {
            if (!SERVER_FIELDS.contains(field.getKey())) {
                cleaned.append(field.getKey(), field.getValue());
            }
        }
        return cleaned;
    }

    /** Creates all specs on {@code collection} in one command (one pass over the data on real servers). */
    public static void create(MongoDatabase database, String collection, List<BsonDocument> specs) {
        if (specs.isEmpty()) {
            return;
        }
        BsonDocument command = new BsonDocument("createIndexes", new BsonString(collection))
                .append("indexes", new BsonArray(specs));
        database.runCommand(command);
    }

    /**
     * What differs between two sets of specs, as readable lines; empty when they are equal. Key order
     * matters (it is part of a compound index), other options are compared as a set of fields.
     */
    public static List<String> differences(List<BsonDocument> expected, List<BsonDocument> actual) {
        Map<String, BsonDocument> expectedByName = byName(expected);
        Map<String, BsonDocument> actualByName = byName(actual);
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, BsonDocument> entry : expectedByName.entrySet()) {
            BsonDocument other = actualByName.get(entry.getKey());
            if (other == null) {
                differences.add("index '" + entry.getKey() + "' is missing");
            } else if (!sameSpec(entry.getValue(), other)) {
                differences.add("index '" + entry.getKey() + "' differs: expected " + entry.getValue().toJson()
                        + " but found " + other.toJson());
            }
        }
        for (String name : actualByName.keySet()) {
            if (!expectedByName.containsKey(name)) {
                differences.add("index '" + name + "' is not on the source");
            }
        }
        return differences;
    }

    private static boolean sameSpec(BsonDocument a, BsonDocument b) {
        List<String> keyOrderA = new ArrayList<>(a.getDocument("key", new BsonDocument()).keySet());
        List<String> keyOrderB = new ArrayList<>(b.getDocument("key", new BsonDocument()).keySet());
        return keyOrderA.equals(keyOrderB) && Objects.equals(a, b);
    }

    private static Map<String, BsonDocument> byName(List<BsonDocument> specs) {
        Map<String, BsonDocument> map = new TreeMap<>();
        for (BsonDocument spec : specs) {
            map.put(spec.getString("name").getValue(), spec);
        }
        return map;
    }
}
