package io.dbsync.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-collection document counts, to check that a copy or restore the harness timed brought the data
 * over: a restore that wrote nothing would be fast.
 */
final class CountCheck {
    private CountCheck() {
    }

    static Map<String, Long> counts(MongoDatabase database) {
        Map<String, Long> counts = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (!name.startsWith("system.")) {
                counts.put(name, database.getCollection(name).countDocuments());
            }
        }
        return counts;
    }

    /** Whether {@code copyDb} holds the same collections with the same counts as {@code sourceDb}. */
    static boolean equal(String sourceUri, String sourceDb, String copyUri, String copyDb) {
        try (MongoClient source = MongoClients.create(sourceUri); MongoClient copy = MongoClients.create(copyUri)) {
            Map<String, Long> expected = counts(source.getDatabase(sourceDb));
            return !expected.isEmpty() && expected.equals(counts(copy.getDatabase(copyDb)));
        }
    }
}
