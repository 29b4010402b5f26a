package io.dbsync.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The seed's copy, implemented faithfully for comparison: for each collection, read all of it into
 * a list of decoded documents (as pymongo's {@code list(find())} does), {@code delete_many({})} on
 * the target collection, then {@code insert_one} per document — one round trip each.
 *
 * <p>One difference: the find sets a batch size, because mongo-java-server otherwise answers a large
 * collection in one reply over the driver's 48 MB limit (a real server caps a batch at 16 MB).
 */
final class SeedAlgorithm {
    record Result(long documents, double seconds, double readSeconds, double deleteSeconds, double insertSeconds) {
    }

    private SeedAlgorithm() {
    }

    static Result run(MongoDatabase source, MongoDatabase target, int batchSize) {
        long started = System.nanoTime();
        long documents = 0;
        long readNanos = 0;
        long deleteNanos = 0;
        long insertNanos = 0;
        for (String name : source.listCollectionNames()) {
            if (name.startsWith("system.")) {
                continue;
            }
            long t0 = System.nanoTime();
            List<Document> all = source.getCollection(name).find().batchSize(batchSize).into(new ArrayList<>());
            long t1 = System.nanoTime();
            MongoCollection<Document> to = target.getCollection(name);
            to.deleteMany(new Document());
            long t2 = System.nanoTime();
            for (Document document : all) {
                to.insertOne(document);
            }
            long t3 = System.nanoTime();
            readNanos += t1 - t0;
            deleteNanos += t2 - t1;
            insertNanos += t3 - t2;
            documents += all.size();
        }
        return new Result(documents, Stats.seconds(started), readNanos / 1e9, deleteNanos / 1e9, insertNanos / 1e9);
    }
}
