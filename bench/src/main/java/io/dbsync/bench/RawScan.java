package io.dbsync.bench;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;

/** {@code scanSeconds}: one reader streams every source collection as raw BSON, in {@code _id} order, with a batch size. */
final class RawScan {
    record Result(long documents, long bytes, double seconds) {
    }

    private RawScan() {
    }

    static Result run(MongoDatabase source, int batchSize) {
        long started = System.nanoTime();
        long documents = 0;
        long bytes = 0;
        for (String name : SourceCollections.largestFirst(source)) {
            try (MongoCursor<RawBsonDocument> cursor = source.getCollection(name, RawBsonDocument.class).find()
                    .sort(new BsonDocument("_id", new BsonInt32(1))).batchSize(batchSize).cursor()) {
                while (cursor.hasNext()) {
                    bytes += cursor.next().getByteBuffer().remaining();
                    documents++;
                }
            }
        }
        return new Result(documents, bytes, Stats.seconds(started));
    }
}
