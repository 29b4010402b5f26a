package io.dbsync.api.sync.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a standby collection's indexes those of its source collection, in place (a delta has no
 * staging collection to build them on): drops the ones the source no longer has or that differ,
 * and creates the missing ones. Returns the source's specs.
 */
public final class IndexReconciler {
    private IndexReconciler() {
    }

    /**
     * Before a delta's writes: drops the standby indexes the source no longer has or has changed, so
     * a dropped unique index on the source cannot make the standby refuse the source's documents.
     */
    public static void dropStale(MongoCollection<?> source, MongoDatabase target, String collection) {
        Map<String, BsonDocument> wanted = byName(IndexSpecs.read(source));
        MongoCollection<BsonDocument> standby = target.getCollection(collection, BsonDocument.class);
        for (BsonDocument existing : IndexSpecs.read(standby)) {
            String name = existing.getString("name").getValue();
            BsonDocument spec = wanted.get(name);
            if (spec == null || !IndexSpecs.differences(List.of(spec), List.of(existing)).isEmpty()) {
                standby.dropIndex(name);
            }
        }
    }

    public static List<BsonDocument> reconcile(MongoCollection<?> source, MongoDatabase target, String collection) {
        List<BsonDocument> wanted = IndexSpecs.read(source);
        MongoCollection<BsonDocument> standby = target.getCollection(collection, BsonDocument.class);
        Map<String, BsonDocument> have = byName(IndexSpecs.read(standby));
        List<BsonDocument> missing = new ArrayList<>();
        for (BsonDocument spec : wanted) {
            String name = spec.getString("name").getValue();
            BsonDocument existing = have.remove(name);
            if (existing != null && IndexSpecs.differences(List.of(spec), List.of(existing)).isEmpty()) {
                continue;
            }
            if (existing != null) {
                standby.dropIndex(name);
            }
            missing.add(spec);
        }
        have.keySet().forEach(standby::dropIndex); // on the standby only
        IndexSpecs.create(target, collection, missing);
        return wanted;
    }

    private static Map<String, BsonDocument> byName(List<BsonDocument> specs) {
        Map<String, BsonDocument> map = new LinkedHashMap<>();
        specs.forEach(spec -> map.put(spec.getString("name").getValue(), spec));
        return map;
    }
}
