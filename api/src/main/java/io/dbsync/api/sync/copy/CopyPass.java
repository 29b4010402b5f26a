package io.dbsync.api.sync.copy;

import io.dbsync.api.sync.mongo.ChangeStreams;
import io.dbsync.api.sync.mongo.ClusterClock;
import io.dbsync.api.sync.mongo.CollectionFanOut;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.mongo.ParallelReads;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.plan.CollectionTask;
import io.dbsync.api.sync.plan.StreamPosition;
import io.dbsync.api.sync.plan.SyncFailedException;
import io.dbsync.api.sync.plan.TaskOutcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies collections in full, several at once, largest first, into wherever a {@link Placement}
 * puts them (staging, or straight into place), each with the stream position taken before its copy.
 * Returns only once every copy thread has stopped, so no thread still writes when the caller cleans up.
 */
final class CopyPass {
    private static final Logger LOG = LoggerFactory.getLogger(CopyPass.class);

    /** A copied and verified collection, and where its next delta starts (empty: the source has no change stream). */
    record Copied(TaskOutcome.Done done, Optional<StreamPosition> position) {
    }

    private CopyPass() {
    }

    static List<Copied> copyAll(RunContext run, List<CollectionTask> tasks, ClusterClock.Now now, Placement placement)
            throws InterruptedException {
        // A collection that fits in one batch holds no more memory than its size, and its copy is
        // mostly round trips: those run beside the SYNC_PARALLEL_COLLECTIONS larger ones, up to
        // ParallelReads.AT_ONCE at once.
        long small = tasks.stream().filter(task -> task.plan().estimatedBytes() <= run.settings().batchBytes()
                && task.plan().estimatedDocuments() <= run.settings().batchDocuments()).count();
        int parallel = (int) Math.max(1, Math.min(Math.max(run.settings().parallelCollections(),
                Math.min(ParallelReads.AT_ONCE, run.settings().parallelCollections() + small)), tasks.size()));
        ExecutorService writerPool = Executors.newFixedThreadPool(parallel * run.settings().writersPerCollection(),
                CollectionFanOut.named("dbsync-write"));
        try {
            CollectionCopier copier = new CollectionCopier(run, writerPool, placement);
            return CollectionFanOut.run(tasks, parallel, "dbsync-copy", run.stopBound(), task -> copy(run, copier, task, now),
                    copied -> {
                        TaskOutcome.Done done = copied.done();
                        run.progress().finished(done.task().name());
                        LOG.info("event=collection.copied collection={} into={} documents={} bytes={} indexes={} durationMs={}",
                                done.task().name(), placement.nameFor(done.task().plan()), done.figures().documents(),
                                done.figures().bytes(), done.figures().indexes(), done.figures().durationMs());
                    });
        } finally {
            writerPool.shutdownNow();
            // Cleanup must come after the last writer: one still inside an insert would otherwise
            // recreate a collection after it was dropped.
            CollectionFanOut.awaitStopped(writerPool, run.stopBound());
        }
    }

    /** The copies are in place: each is a complete copy, whose next delta starts at its position. */
    static void record(RunContext run, List<Copied> copies) {
        for (Copied copied : copies) {
            run.ledger().save(copied.done().task().name(), copied.position().map(StreamPosition::toJson).orElse(null),
                    run.runId());
        }
    }

    /** The position before the copy reads (every change after it is replayed by the next delta), then the copy. */
    private static Copied copy(RunContext run, CollectionCopier copier, CollectionTask task, ClusterClock.Now now)
            throws InterruptedException {
        try {
            return copier.copy(task, () -> ChangeStreams.positionBeforeCopy(
                    run.source().getCollection(task.name(), RawBsonDocument.class), now));
        } catch (SyncFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            // Every failure message names the collection it is about.
            throw new SyncFailedException("copy of collection '" + task.name() + "' failed: "
                    + FailureMessages.describe(e), e);
        }
    }
}
