package io.dbsync.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.RawBsonDocument;

/** Changes a share of the source's documents between runs (the delta benchmarks: {@link ChurnBench}, {@link AtlasBench}). */
final class SourceChurn {
    private SourceChurn() {
    }

    /** How many documents changed, and the index past the last inserted one (where the next round starts). */
    record Churned(long changed, long nextInsert) {
    }

    /**
     * Updates, deletes and inserts a third of {@code share} of each collection's documents each;
     * without {@code updates}, deletes and inserts half each.
     */
    static Churned churn(MongoDatabase db, DataGenerator generator, double share, SplittableRandom random,
                                 long insertOffset, boolean updates) {
        long changed = 0;
        long maxInserted = insertOffset;
        for (Map.Entry<DataGenerator.Spec, Long> entry : generator.counts().entrySet()) {
            DataGenerator.Spec spec = entry.getKey();
            long each = Math.round(entry.getValue() * share / (updates ? 3 : 2));
            if (each == 0) {
                continue; // a collection too small for this share
            }
            MongoCollection<RawBsonDocument> collection = db.getCollection(spec.name(), RawBsonDocument.class);
            List<WriteModel<RawBsonDocument>> writes = new ArrayList<>();
            java.util.Set<Long> touched = new java.util.HashSet<>();
            while (touched.size() < (updates ? 2 : 1) * each) {
                touched.add(random.nextLong(entry.getValue()));
            }
            int n = 0;
            for (long index : touched) {
                BsonDocument filter = new BsonDocument("_id", new BsonObjectId(DataGenerator.id(spec, index)));
                if (updates && n++ < each) {
                    writes.add(new UpdateOneModel<>(filter, new BsonDocument("$set", new BsonDocument("churned",
                            new BsonInt32(random.nextInt())))));
                } else {
                    writes.add(new DeleteOneModel<>(filter));
                }
            }
            for (long i = 0; i < each; i++) {
                writes.add(new InsertOneModel<>(generator.document(spec, entry.getValue() + insertOffset + i)));
            }
            maxInserted = Math.max(maxInserted, insertOffset + each);
            var result = collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            // A document deleted by an earlier round is not there to update or delete: count what changed.
            changed += result.getModifiedCount() + result.getDeletedCount() + result.getInsertedCount();
        }
        return new Churned(changed, maxInserted);
    }
}
