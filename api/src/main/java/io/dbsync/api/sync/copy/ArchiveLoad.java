package io.dbsync.api.sync.copy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.dbsync.api.sync.mongo.BatchLimits;
import io.dbsync.api.sync.mongo.Batcher;
import io.dbsync.api.sync.mongo.CollectionFanOut;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.plan.SyncFailedException;
import io.dbsync.api.sync.plan.TaskProgress;
import io.dbsync.api.sync.snapshot.archive.ArchiveEvent;
import io.dbsync.api.sync.snapshot.archive.ArchiveReader;
import io.dbsync.api.sync.snapshot.archive.Namespace;
import io.dbsync.api.sync.snapshot.archive.NamespaceFigures;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.RawBsonDocument;

/**
 * Streams an archive's documents into the collections chosen for them: one reader (the archive is
 * one stream, its namespaces interleaved), a few insert workers, at most two batches per worker in
 * flight — memory is bounded by the batch size, never by the archive's. Capped collections are
 * written in the reader's thread, in order, so they keep their insertion order. Namespaces without
 * a target are read (their CRC is still checked) and skipped.
 */
final class ArchiveLoad {
    /** Where one namespace's documents go, and the name progress reports them under. */
    record Target(MongoCollection<RawBsonDocument> collection, String reportedAs, boolean ordered) {
    }

    /** One namespace read to its end: the archive's figures (CRC checked), and the documents inserted. */
    record Loaded(NamespaceFigures figures, long inserted) {
    }

    private final Map<Namespace, Target> targets;
    private final BatchLimits limits;
    private final int writers;
    private final Duration stopBound;
    private final TaskProgress progress;
    private final Map<Namespace, AtomicLong> inserted = new HashMap<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    ArchiveLoad(Map<Namespace, Target> targets, BatchLimits limits, int writers, Duration stopBound, TaskProgress progress) {
        this.targets = targets;
        this.limits = limits;
        this.writers = writers;
        this.stopBound = stopBound;
        this.progress = progress;
        targets.keySet().forEach(namespace -> inserted.put(namespace, new AtomicLong()));
    }

    /**
     * Reads the whole archive and inserts what has a target. Returns each target namespace's figures
     * once the reader has checked the archive to its end (every CRC, the gzip trailer).
     */
    Map<Namespace, Loaded> load(ArchiveReader reader) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(writers, CollectionFanOut.named("dbsync-restore"));
        Semaphore inFlight = new Semaphore(2 * writers);
        Map<Namespace, Batcher<RawBsonDocument>> pending = new HashMap<>();
        Map<Namespace, Loaded> loaded = new LinkedHashMap<>();
        try {
            Optional<ArchiveEvent> event;
            while ((event = reader.next()).isPresent()) {
                throwIfFailed();
                if (event.get() instanceof ArchiveEvent.Document document) {
                    Target target = targets.get(document.namespace());
                    if (target != null) {
                        List<RawBsonDocument> full = pending.computeIfAbsent(document.namespace(),
                                namespace -> Batcher.ofDocuments(limits)).add(document.document());
                        if (full != null) {
                            write(pool, inFlight, document.namespace(), target, full);
                        }
                    }
                } else if (event.get() instanceof ArchiveEvent.NamespaceEnd end) {
                    Namespace namespace = end.figures().namespace();
                    Batcher<RawBsonDocument> batcher = pending.remove(namespace);
                    List<RawBsonDocument> last = batcher == null ? null : batcher.flush();
                    if (last != null) {
                        write(pool, inFlight, namespace, targets.get(namespace), last);
                    }
                    if (targets.containsKey(namespace)) {
                        loaded.put(namespace, new Loaded(end.figures(), 0));
                    }
                }
            }
            inFlight.acquire(2 * writers); // every batch written
            throwIfFailed();
        } finally {
            pool.shutdownNow();
            // Clean-up comes after the last insert: one still running would recreate a dropped collection.
            CollectionFanOut.awaitStopped(pool, stopBound);
        }
        Map<Namespace, Loaded> counted = new LinkedHashMap<>();
        loaded.forEach((namespace, figures) -> counted.put(namespace, new Loaded(figures.figures(), inserted.get(namespace).get())));
        return counted;
    }

    private void write(ExecutorService pool, Semaphore inFlight, Namespace namespace, Target target, List<RawBsonDocument> batch)
            throws InterruptedException {
        if (target.ordered()) {
            insert(namespace, target, batch);
            return;
        }
        inFlight.acquire();
        pool.execute(() -> {
            try {
                if (failure.get() == null) {
                    insert(namespace, target, batch);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                inFlight.release();
            }
        });
    }

    private void insert(Namespace namespace, Target target, List<RawBsonDocument> batch) {
        try {
            target.collection().insertMany(batch, new InsertManyOptions().ordered(target.ordered()).bypassDocumentValidation(true));
        } catch (MongoBulkWriteException e) {
            throw StandbyRefusals.of(target.reportedAs(), batch, e);
        } catch (RuntimeException e) {
            throw new SyncFailedException("writing collection '" + target.reportedAs() + "' failed: "
                    + FailureMessages.describe(e), e);
        }
        long bytes = Batcher.bytesOf(batch);
        inserted.get(namespace).addAndGet(batch.size());
        progress.written(target.reportedAs(), batch.size(), bytes);
    }

    private void throwIfFailed() {
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
    }
}
