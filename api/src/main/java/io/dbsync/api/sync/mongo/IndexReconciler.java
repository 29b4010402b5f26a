package io.dbsync.api.sync.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;

/**
 * Makes a standby collection's indexes those of its source collection, in place (a delta has no
 * staging collection to build them on). Each side's indexes are listed once (both at once), when
 * the delta starts: the standby's stale indexes are dropped before the delta writes (so a unique index the
 * source dropped cannot make the standby refuse the source's documents), the missing ones are
 * created after. The standby is listed again only if this changed anything; otherwise the listing
 * already taken is what it holds.
 */
public final class IndexReconciler {
    private final MongoCollection<BsonDocument> standby;
    private final MongoDatabase target;
    private final String collection;
    private final List<BsonDocument> wanted;
    private final Map<String, BsonDocument> have;
    private boolean changed;

    private IndexReconciler(MongoCollection<?> source, MongoDatabase target, String collection) {
        this.target = target;
        this.collection = collection;
        this.standby = target.getCollection(collection, BsonDocument.class);
        ParallelReads.Both<List<BsonDocument>, List<BsonDocument>> listed = ParallelReads.both(() -> IndexSpecs.read(source),
                () -> IndexSpecs.read(standby));
        this.wanted = listed.first();
        this.have = byName(listed.second());
    }

    /** Lists both sides' indexes (two round trips) and drops the standby's stale ones. */
    public static IndexReconciler dropStale(MongoCollection<?> source, MongoDatabase target, String collection) {
        IndexReconciler reconciler = new IndexReconciler(source, target, collection);
        Map<String, BsonDocument> wantedByName = byName(reconciler.wanted);
        for (BsonDocument existing : List.copyOf(reconciler.have.values())) {
            String name = existing.getString("name").getValue();
            BsonDocument spec = wantedByName.get(name);
            if (spec == null || !IndexSpecs.differences(List.of(spec), List.of(existing)).isEmpty()) {
                reconciler.standby.dropIndex(name);
                reconciler.have.remove(name);
                reconciler.changed = true;
            }
        }
        return reconciler;
    }

    /** After the delta's writes: creates the missing indexes; returns the source's specs. */
    public List<BsonDocument> createMissing() {
        List<BsonDocument> missing = wanted.stream().filter(spec -> !have.containsKey(spec.getString("name").getValue()))
                .toList();
        if (!missing.isEmpty()) {
            IndexSpecs.create(target, collection, missing);
            missing.forEach(spec -> have.put(spec.getString("name").getValue(), spec));
            changed = true;
        }
        return wanted;
    }

    /** The standby's indexes now: listed again if this changed any, else the listing taken at the start. */
    public List<BsonDocument> standbyIndexes() {
        return changed ? IndexSpecs.read(standby) : List.copyOf(have.values());
    }

    private static Map<String, BsonDocument> byName(List<BsonDocument> specs) {
        Map<String, BsonDocument> map = new LinkedHashMap<>();
        specs.forEach(spec -> map.put(spec.getString("name").getValue(), spec));
        return map;
    }
}
