package io.dbsync.api.sync.copy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.dbsync.api.config.VerifyMode;
import io.dbsync.api.sync.mongo.Batcher;
import io.dbsync.api.sync.mongo.ContentDigest;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.mongo.IndexSpecs;
import io.dbsync.api.sync.mongo.ParallelReads;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.mongo.SourceScanner;
import io.dbsync.api.sync.mongo.Verification;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.CollectionTask;
import io.dbsync.api.sync.plan.StreamPosition;
import io.dbsync.api.sync.plan.SyncFailedException;
import io.dbsync.api.sync.plan.TaskFigures;
import io.dbsync.api.sync.plan.TaskOutcome;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Copies one collection into its staging collection (or straight into place): one reader streams raw BSON in bounded
 * batches through a bounded queue to several insert workers, so reading overlaps writing and
 * memory is bounded by batch size × queue depth, never by the collection's size. Then the indexes
 * are built and the copy is checked.
 */
final class CollectionCopier {
    private static final List<RawBsonDocument> END_OF_SCAN = List.of();

    private final RunContext run;
    private final ExecutorService writerPool;
    private final Placement staging;

    CollectionCopier(RunContext run, ExecutorService writerPool, Placement staging) {
        this.run = run;
        this.writerPool = writerPool;
        this.staging = staging;
    }

    /**
     * Copies {@code task}'s collection; {@code beforeReading} (the source's stream position) is taken
     * before the first document is read, beside the staging collection's creation.
     */
    CopyPass.Copied copy(CollectionTask task, Supplier<Optional<StreamPosition>> beforeReading) throws InterruptedException {
        long started = System.nanoTime();
        CollectionPlan plan = task.plan();
        requireLockInPlace(plan.name());
        ParallelReads.Both<CollectionCreator.Created, Optional<StreamPosition>> ready =
                ParallelReads.both(() -> staging.create(plan), beforeReading);
        CollectionCreator.Created created = ready.first();
        MongoCollection<RawBsonDocument> stagingCollection = created.collection();
        MongoCollection<RawBsonDocument> sourceCollection = run.source().getCollection(plan.name(), RawBsonDocument.class);

        Counters read = new Counters();
        Counters written = new Counters();
        // A digest compares documents in _id order, which natural-order scans (capped, time-series) do not give.
        ContentDigest digest = run.settings().verify() == VerifyMode.DIGEST && plan.scansInIdOrder() ? new ContentDigest() : null;
        run.progress().started(plan);
        pipe(plan, sourceCollection, stagingCollection, read, written, digest);

        List<BsonDocument> sourceIndexes = IndexSpecs.read(sourceCollection);
        IndexSpecs.create(run.target(), stagingCollection.getNamespace().getCollectionName(), sourceIndexes);
        // Counted from the collection's metadata, one small command: this run created it and alone
        // wrote it, so the server's count of what it holds needs no scan (a scan would read it all again).
        ParallelReads.Both<Long, List<BsonDocument>> staged = ParallelReads.both(stagingCollection::estimatedDocumentCount,
                () -> IndexSpecs.read(stagingCollection));
        Verification.require(
                Verification.copiedCounts(plan.name(), read.documents.get(), written.documents.get(), staged.first()),
                Verification.indexes(plan.name(), sourceIndexes, staged.second()));
        String stagedDigest = null;
        if (digest != null) {
            stagedDigest = ContentDigest.of(stagingCollection, run.settings().batchDocuments(), run.progress()::standbyRead);
            Verification.require(Verification.digests(plan.name(), "the staging collection", digest.hex(), stagedDigest));
        }

        run.tap().copied(plan.name());
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        VerifyMode verification = digest != null ? VerifyMode.DIGEST : VerifyMode.COUNT;
        return new CopyPass.Copied(new TaskOutcome.Done(task, new TaskFigures(written.documents.get(), 0, written.bytes.get(),
                sourceIndexes.size(), durationMs, verification, stagedDigest, created.droppedOptions())), ready.second());
    }

    private void pipe(CollectionPlan plan, MongoCollection<RawBsonDocument> from, MongoCollection<RawBsonDocument> to,
                      Counters read, Counters written, ContentDigest digest) throws InterruptedException {
        // A capped collection keeps insertion order: one writer, ordered inserts.
        int writers = plan.isCapped() ? 1 : run.settings().writersPerCollection();
        boolean ordered = plan.isCapped();
        BlockingQueue<List<RawBsonDocument>> queue = new ArrayBlockingQueue<>(2 * writers);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            workers.add(writerPool.submit(() -> writeAll(plan.name(), queue, to, written, ordered)));
        }
        try {
            Batcher<RawBsonDocument> batches = Batcher.ofDocuments(run.batchLimits());
            new SourceScanner(run.settings().batchDocuments(), run.settings().maxCursorResumes()).scan(from, plan, document -> {
                read.add(1, document.getByteBuffer().remaining());
                run.progress().sourceRead(document.getByteBuffer().remaining());
                if (digest != null) {
                    digest.add(document);
                }
                List<RawBsonDocument> full = batches.add(document);
                if (full != null) {
                    run.tap().read(plan.name(), full);
                    handOver(plan.name(), queue, full, workers);
                }
            });
            List<RawBsonDocument> last = batches.flush();
            if (last != null) {
                run.tap().read(plan.name(), last);
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
            requireLockInPlace(collection);
            try {
                to.insertMany(batch, options);
            } catch (MongoBulkWriteException e) {
                throw StandbyRefusals.of(collection, batch, e);
            }
            long bytes = Batcher.bytesOf(batch);
            written.add(batch.size(), bytes);
            run.progress().written(collection, batch.size(), bytes);
        }
    }

    /** A run that lost its lock to another instance must not write the standby's own collections. */
    private void requireLockInPlace(String collection) {
        if (staging.inPlace()) {
            run.lock().require("before writing into '" + collection + "'");
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
            if (cause instanceof SyncFailedException refusal) {
                throw refusal;
            }
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
