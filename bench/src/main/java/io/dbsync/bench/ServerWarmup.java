package io.dbsync.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;

/**
 * Warms the wire servers' own JIT before anything is timed: the measuring JVMs warm themselves,
 * but the servers live through the whole run, and without this the first measurement (the scan,
 * the insert limit) would pay for compiling the servers' read and insert paths while later ones
 * would not. Untimed: sorted raw scans of the warm-up database on the source, and unordered
 * {@code insertMany} rounds of the same documents into a scratch database on the target.
 */
final class ServerWarmup {
    private static final int ROUNDS = 5;

    private ServerWarmup() {
    }

    static double run(String sourceUri, String targetUri, String warmupDb) {
        long started = System.nanoTime();
        try (MongoClient source = MongoClients.create(sourceUri); MongoClient target = MongoClients.create(targetUri)) {
            MongoDatabase from = source.getDatabase(warmupDb);
            MongoDatabase scratch = target.getDatabase(warmupDb + "_server_warmup");
            for (int round = 0; round < ROUNDS; round++) {
                scratch.drop();
                for (String name : SourceCollections.largestFirst(from)) {
                    List<RawBsonDocument> batch = new ArrayList<>();
                    try (MongoCursor<RawBsonDocument> cursor = from.getCollection(name, RawBsonDocument.class).find()
                            .sort(new BsonDocument("_id", new BsonInt32(1))).batchSize(1000).cursor()) {
                        while (cursor.hasNext()) {
                            batch.add(cursor.next());
                            if (batch.size() == 1000) {
                                insert(scratch, name, batch);
                                batch = new ArrayList<>();
                            }
                        }
                    }
                    if (!batch.isEmpty()) {
                        insert(scratch, name, batch);
                    }
                }
            }
            scratch.drop();
        }
        return Stats.seconds(started);
    }

    private static void insert(MongoDatabase scratch, String collection, List<RawBsonDocument> batch) {
        scratch.getCollection(collection, RawBsonDocument.class).insertMany(batch, new InsertManyOptions().ordered(false));
    }
}
