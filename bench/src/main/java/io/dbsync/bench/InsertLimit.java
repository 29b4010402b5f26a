package io.dbsync.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;

/**
 * {@code insertLimitSeconds}: the fastest bulk insert of the source's documents into empty
 * collections on the target, with the engine's batch bounds and writer count. The documents are
 * read into memory first, already cut into batches, so only the writes are timed. Two shapes:
 * <ul>
 *   <li>{@code engine}: {@code parallelCollections} collections at once, largest first, each with
 *       {@code writersPerCollection} writers — the engine's concurrency without its reader;</li>
 *   <li>{@code flat}: {@code parallelCollections × writersPerCollection} writers over all batches of
 *       all collections, so no writer idles while a small collection finishes.</li>
 * </ul>
 */
final class InsertLimit {
    private static final InsertManyOptions OPTIONS = new InsertManyOptions().ordered(false).bypassDocumentValidation(true);

    /** One collection's documents, cut into insert batches. */
    record Batches(String name, List<List<RawBsonDocument>> batches) {
    }

    private InsertLimit() {
    }

    /** Reads every source collection (largest first) into batches bounded by count and bytes, like the engine's. */
    static List<Batches> materialise(MongoDatabase source, int batchDocuments, long batchBytes) {
        List<Batches> all = new ArrayList<>();
        for (String name : SourceCollections.largestFirst(source)) {
            List<List<RawBsonDocument>> batches = new ArrayList<>();
            List<RawBsonDocument> current = new ArrayList<>();
            long currentBytes = 0;
            try (MongoCursor<RawBsonDocument> cursor = source.getCollection(name, RawBsonDocument.class).find()
                    .sort(new BsonDocument("_id", new BsonInt32(1))).batchSize(batchDocuments).cursor()) {
                while (cursor.hasNext()) {
                    RawBsonDocument document = cursor.next();
                    long size = document.getByteBuffer().remaining();
                    if (!current.isEmpty() && (current.size() >= batchDocuments || currentBytes + size > batchBytes)) {
                        batches.add(current);
                        current = new ArrayList<>();
                        currentBytes = 0;
                    }
                    current.add(document);
                    currentBytes += size;
                }
            }
            if (!current.isEmpty()) {
                batches.add(current);
            }
            all.add(new Batches(name, batches));
        }
        return all;
    }

    static double engineShape(MongoDatabase target, List<Batches> collections, int parallelCollections, int writers)
            throws Exception {
        createEmpty(target, collections);
        ExecutorService collectionPool = Executors.newFixedThreadPool(parallelCollections);
        ExecutorService writerPool = Executors.newFixedThreadPool(parallelCollections * writers);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Batches collection : collections) {
                done.add(collectionPool.submit(() -> {
                    MongoCollection<RawBsonDocument> to = target.getCollection(collection.name(), RawBsonDocument.class);
                    drain(writerPool, writers, List.of(new Work(to, collection.batches())));
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return Stats.seconds(started);
        } finally {
            collectionPool.shutdownNow();
            writerPool.shutdownNow();
            collectionPool.awaitTermination(1, TimeUnit.MINUTES);
            writerPool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    static double flat(MongoDatabase target, List<Batches> collections, int writers) throws Exception {
        createEmpty(target, collections);
        List<Work> work = new ArrayList<>();
        for (Batches collection : collections) {
            work.add(new Work(target.getCollection(collection.name(), RawBsonDocument.class), collection.batches()));
        }
        ExecutorService writerPool = Executors.newFixedThreadPool(writers);
        long started = System.nanoTime();
        try {
            drain(writerPool, writers, work);
            return Stats.seconds(started);
        } finally {
            writerPool.shutdownNow();
            writerPool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** Batches bound for one collection. */
    private record Work(MongoCollection<RawBsonDocument> to, List<List<RawBsonDocument>> batches) {
    }

    /** {@code writers} tasks take the next batch until none is left, in the given order. */
    private static void drain(ExecutorService pool, int writers, List<Work> work) throws Exception {
        List<Runnable> inserts = new ArrayList<>();
        for (Work w : work) {
            for (List<RawBsonDocument> batch : w.batches()) {
                inserts.add(() -> w.to().insertMany(batch, OPTIONS));
            }
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            futures.add(pool.submit(() -> {
                int index;
                while ((index = next.getAndIncrement()) < inserts.size()) {
                    inserts.get(index).run();
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }

    private static void createEmpty(MongoDatabase target, List<Batches> collections) {
        target.drop();
        for (Batches collection : collections) {
            target.createCollection(collection.name());
        }
    }
}
