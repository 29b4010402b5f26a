package io.dbsync.api.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.config.VerifyMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * Copies one collection into its staging collection: one reader streams raw BSON in bounded
 * batches through a bounded queue to several insert workers, so reading overlaps writing and
 * memory is bounded by batch size × queue depth, never by the collection's size. Then the indexes
 * are built and the copy is checked.
 */
final class CollectionCopier {
    private static final List<RawBsonDocument> END_OF_SCAN = List.of();

    private final MongoDatabase source;
    private final MongoDatabase target;
    private final SyncSettings settings;
    private final ExecutorService writerPool;
    private final RunProgress progress;
    private final StagingArea staging;

    CollectionCopier(MongoDatabase source, MongoDatabase target, SyncSettings settings,
                     ExecutorService writerPool, RunProgress progress, StagingArea staging) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.writerPool = writerPool;
        this.progress = progress;
        this.staging = staging;
    }

    CollectionResult copy(CollectionPlan plan) throws InterruptedException {
        long started = System.nanoTime();
        MongoCollection<RawBsonDocument> stagingCollection = staging.create(plan);
        MongoCollection<RawBsonDocument> sourceCollection = source.getCollection(plan.name(), RawBsonDocument.class);

        Counters read = new Counters();
        Counters written = new Counters();
        // A digest compares documents in _id order, which natural-order scans (capped, time-series) do not give.
        ContentDigest digest = settings.verify() == VerifyMode.DIGEST && plan.scansInIdOrder() ? new ContentDigest() : null;
        progress.copying(plan);
        pipe(plan, sourceCollection, stagingCollection, read, written, digest);

        List<BsonDocument> sourceIndexes = IndexSpecs.read(sourceCollection);
        IndexSpecs.create(target, stagingCollection.getNamespace().getCollectionName(), sourceIndexes);
        Verification.check(plan.name(), read.documents.get(), written.documents.get(),
                stagingCollection.countDocuments(), sourceIndexes, IndexSpecs.read(stagingCollection));
        if (digest != null) {
            Verification.checkDigest(plan.name(), digest.hex(), ContentDigest.of(stagingCollection, settings.batchDocuments()));
        }

        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String verification = digest != null ? VerifyMode.DIGEST.json() : VerifyMode.COUNT.json();
        return new CollectionResult(plan.name(), plan.kind().json(), CollectionResult.COPY, null, written.documents.get(), 0,
                written.bytes.get(), sourceIndexes.size(), durationMs, true, verification);
    }

    private void pipe(CollectionPlan plan, MongoCollection<RawBsonDocument> from, MongoCollection<RawBsonDocument> to,
                      Counters read, Counters written, ContentDigest digest) throws InterruptedException {
        // A capped collection keeps insertion order: one writer, ordered inserts.
        int writers = plan.isCapped() ? 1 : settings.writersPerCollection();
        boolean ordered = plan.isCapped();
        BlockingQueue<List<RawBsonDocument>> queue = new ArrayBlockingQueue<>(2 * writers);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            workers.add(writerPool.submit(() -> writeAll(plan.name(), queue, to, written, ordered)));
        }
        try {
            BatchBuilder batches = new BatchBuilder(settings.batchDocuments(), settings.batchBytes());
            new SourceScanner(settings.batchDocuments(), settings.maxCursorResumes()).scan(from, plan, document -> {
                read.add(1, document.getByteBuffer().remaining());
                if (digest != null) {
                    digest.add(document);
                }
                List<RawBsonDocument> full = batches.add(document);
                if (full != null) {
                    handOver(plan.name(), queue, full, workers);
                }
            });
            List<RawBsonDocument> last = batches.flush();
            if (last != null) {
                handOver(plan.name(), queue, last, workers);
            }
            for (int i = 0; i < writers; i++) {
                handOver(plan.name(), queue, END_OF_SCAN, workers);
            }
            for (Future<?> worker : workers) {
                awaitWorker(plan.name(), worker);
            }
        } finally {
            workers.forEach(worker -> worker.cancel(true));
        }
    }

    private Void writeAll(String collection, BlockingQueue<List<RawBsonDocument>> queue,
                          MongoCollection<RawBsonDocument> to, Counters written, boolean ordered) throws InterruptedException {
        // Unordered: the server may apply a batch in parallel; bypass: the source already accepted these documents.
        InsertManyOptions options = new InsertManyOptions().ordered(ordered).bypassDocumentValidation(true);
        while (true) {
            List<RawBsonDocument> batch = queue.take();
            if (batch == END_OF_SCAN) {
                return null;
            }
            to.insertMany(batch, options);
            long bytes = BatchBuilder.bytesOf(batch);
            written.add(batch.size(), bytes);
            progress.batchWritten(collection, batch.size(), bytes);
        }
    }

    /** Queues a batch, giving up as soon as a worker has failed (it would never take the batch). */
    private static void handOver(String collection, BlockingQueue<List<RawBsonDocument>> queue, List<RawBsonDocument> batch,
                                 List<Future<?>> workers) throws InterruptedException {
        while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            for (Future<?> worker : workers) {
                if (worker.isDone()) {
                    awaitWorker(collection, worker);
                }
            }
        }
    }

    /**
     * A writer's failure is the standby's, never the source cursor's: it is wrapped in a
     * non-Mongo exception so the reader does not take it for a lost cursor and re-open the source.
     */
    private static void awaitWorker(String collection, Future<?> worker) throws InterruptedException {
        try {
            worker.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new SyncFailedException("writing collection '" + collection + "' to the standby failed: "
                    + FailureMessages.describe(cause), cause);
        }
    }

    /** Documents and bytes, updated from several threads. */
    private static final class Counters {
        final AtomicLong documents = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        void add(long documentCount, long byteCount) {
            documents.addAndGet(documentCount);
            bytes.addAndGet(byteCount);
        }
    }
}
