package io.dbsync.api.sync.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.plan.CollectionKind;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.StagingNames;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the source's {@code listCollections}, read afresh on every run, into one task per
 * namespace, largest first so the longest copy starts earliest.
 */
public final class SyncPlanner {

    public List<CollectionPlan> plan(MongoDatabase source) {
        List<BsonDocument> infos = new ArrayList<>();
        for (BsonDocument info : source.listCollections(BsonDocument.class)) {
            if (!StagingNames.isSkipped(info.getString("name").getValue())) {
                infos.add(info);
            }
        }
        // The sizes are one command per collection, independent of each other: sent together.
        List<CollectionPlan> plans = new ArrayList<>(ParallelReads.map(infos, info -> plan(source, info)));
        plans.sort(Comparator.comparingLong(CollectionPlan::estimatedBytes).reversed()
                .thenComparing(Comparator.comparingLong(CollectionPlan::estimatedDocuments).reversed())
                .thenComparing(CollectionPlan::name));
        return plans;
    }

    private static CollectionPlan plan(MongoDatabase source, BsonDocument info) {
        String name = info.getString("name").getValue();
        CollectionKind kind = CollectionKind.fromListCollectionsType(info.getString("type", new BsonString("collection")).getValue());
        BsonDocument options = info.getDocument("options", new BsonDocument());
        if (kind == CollectionKind.VIEW) {
            return new CollectionPlan(name, kind, options, 0, 0);
        }
        Size size = size(source, name);
        return new CollectionPlan(name, kind, options, size.documents(), size.bytes(), size.indexBytes());
    }

    private record Size(long documents, long bytes, long indexBytes) {
    }

    /** The server's cheap estimate; {@code collStats} is deprecated on new servers, so fall back to a count. */
    private static Size size(MongoDatabase source, String name) {
        try {
            BsonDocument stats = source.runCommand(new BsonDocument("collStats", new BsonString(name)), BsonDocument.class);
            if (!stats.containsKey("count")) {
                // Time-series collections report bucket statistics without a document count.
                return new Size(source.getCollection(name).estimatedDocumentCount(), number(stats.get("size")),
                        number(stats.get("totalIndexSize")));
            }
            return new Size(number(stats.get("count")), number(stats.get("size")), number(stats.get("totalIndexSize")));
        } catch (MongoCommandException e) {
            long count = source.getCollection(name).estimatedDocumentCount();
            return new Size(count, 0, 0);
        }
    }

    private static long number(BsonValue value) {
        return value != null && value.isNumber() ? value.asNumber().longValue() : 0;
    }
}
