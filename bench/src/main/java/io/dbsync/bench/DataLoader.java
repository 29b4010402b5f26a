package io.dbsync.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.RawBsonDocument;

/**
 * Writes generated data into a source database and, optionally, the same data into a standby
 * database, as an earlier complete copy would have left it (same documents, same indexes).
 */
final class DataLoader {
    private static final int BATCH = 1000;

    /** What was loaded. */
    record Loaded(long documents, long bytes, double seconds) {
    }

    private DataLoader() {
    }

    static Loaded load(DataGenerator generator, List<MongoDatabase> databases, int threads) throws Exception {
        long started = System.nanoTime();
        for (MongoDatabase database : databases) {
            database.drop();
            for (DataGenerator.Spec spec : generator.specs()) {
                database.createCollection(spec.name());
                List<IndexModel> indexes = indexes(spec.name());
                if (!indexes.isEmpty()) {
                    database.getCollection(spec.name()).createIndexes(indexes);
                }
            }
        }
        AtomicLong documents = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Map.Entry<DataGenerator.Spec, Long> entry : generator.counts().entrySet()) {
                DataGenerator.Spec spec = entry.getKey();
                for (long from = 0; from < entry.getValue(); from += BATCH) {
                    long start = from;
                    long end = Math.min(entry.getValue(), from + BATCH);
                    work.add(pool.submit(() -> {
                        List<RawBsonDocument> batch = new ArrayList<>(BATCH);
                        long batchBytes = 0;
                        for (long i = start; i < end; i++) {
                            RawBsonDocument document = generator.document(spec, i);
                            batch.add(document);
                            batchBytes += document.getByteBuffer().remaining();
                        }
                        for (MongoDatabase database : databases) {
                            MongoCollection<RawBsonDocument> collection =
                                    database.getCollection(spec.name(), RawBsonDocument.class);
                            collection.insertMany(batch, new InsertManyOptions().ordered(false));
                        }
                        documents.addAndGet(batch.size());
                        bytes.addAndGet(batchBytes);
                        return null;
                    }));
                }
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        return new Loaded(documents.get(), bytes.get(), (System.nanoTime() - started) / 1e9);
    }

    /** Indexes a real application would have: unique keys, a compound lookup, a TTL. */
    static List<IndexModel> indexes(String collection) {
        return switch (collection) {
            case "customers" -> List.of(new IndexModel(Indexes.ascending("email"), new IndexOptions().unique(true).name("email_unique")));
            case "orders" -> List.of(new IndexModel(Indexes.compoundIndex(Indexes.ascending("customerId"),
                    Indexes.descending("createdAt")), new IndexOptions().name("customer_recent")));
            case "events" -> List.of(new IndexModel(Indexes.ascending("ts"),
                    new IndexOptions().expireAfter(30L * 24 * 3600, TimeUnit.SECONDS).name("ts_ttl")));
            case "products" -> List.of(new IndexModel(Indexes.ascending("sku"), new IndexOptions().unique(true).name("sku_unique")));
            default -> List.of();
        };
    }
}
