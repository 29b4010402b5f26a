package io.dbsync.api.sync.copy;

import io.dbsync.api.sync.mongo.ChangeStreams;
import io.dbsync.api.sync.mongo.ClusterClock;
import io.dbsync.api.sync.mongo.CollectionFanOut;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.plan.CollectionTask;
import io.dbsync.api.sync.plan.StagingNames;
import io.dbsync.api.sync.plan.StreamPosition;
import io.dbsync.api.sync.plan.SyncFailedException;
import io.dbsync.api.sync.plan.TaskOutcome;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The full-copy path of a run: copies collections into this run's staging collections (several at
 * once, largest first), lets the run check what was staged, swaps them in, and records each in the
 * ledger with the stream position taken before its copy. A failure before the swap drops the
 * staging collections and leaves the standby exactly as it was.
 */
public final class StagedCopy {
    private static final Logger LOG = LoggerFactory.getLogger(StagedCopy.class);

    private final RunContext run;
    private final StagingArea staging;

    /** Checks what was staged before anything is swapped in; throws to stop the swap. */
    @FunctionalInterface
    public interface SwapCheck {
        void beforeSwap(List<TaskOutcome.Done> staged);
    }

    /** A staged collection, and where its next delta starts (empty: the source has no change stream). */
    private record Staged(TaskOutcome.Done done, Optional<StreamPosition> position) {
    }

    public StagedCopy(RunContext run) {
        this.run = run;
        this.staging = new StagingArea(run.target(), StagingNames.runTag(run.runId()));
    }

    /** Drops every staging collection left by earlier runs; safe under the run lock only. */
    public void dropLeftovers() {
        List<String> leftovers = staging.dropAll();
        if (!leftovers.isEmpty()) {
            LOG.info("event=staging.leftovers_dropped collections={}", leftovers);
        }
    }

    /** Copies {@code tasks} into staging, lets {@code check} see the result, swaps them in, records them. */
    public List<TaskOutcome.Done> copyAndSwap(List<CollectionTask> tasks, ClusterClock.Now now, SwapCheck check)
            throws InterruptedException {
        if (tasks.isEmpty()) {
            return List.of();
        }
        List<Staged> staged;
        try {
            staged = copyAll(tasks, now);
            check.beforeSwap(staged.stream().map(Staged::done).toList());
        } catch (RuntimeException | InterruptedException e) {
            dropStagingQuietly();
            throw e;
        }
        try {
            new Swapper(run.target(), staging).swapAll(tasks.stream().map(CollectionTask::plan).toList());
        } finally {
            // After a failed swap the collections not yet swapped must not hold the storage.
            dropStagingQuietly();
        }
        for (Staged collection : staged) {
            run.ledger().save(collection.done().task().name(), collection.position().map(StreamPosition::toJson).orElse(null),
                    run.runId());
        }
        return staged.stream().map(Staged::done).toList();
    }

    private List<Staged> copyAll(List<CollectionTask> tasks, ClusterClock.Now now) throws InterruptedException {
        int parallel = Math.max(1, Math.min(run.settings().parallelCollections(), tasks.size()));
        ExecutorService writerPool = Executors.newFixedThreadPool(parallel * run.settings().writersPerCollection(),
                CollectionFanOut.named("dbsync-write"));
        try {
            CollectionCopier copier = new CollectionCopier(run, writerPool, staging);
            return CollectionFanOut.run(tasks, parallel, "dbsync-copy", run.stopBound(), task -> stage(copier, task, now),
                    staged -> {
                        TaskOutcome.Done done = staged.done();
                        run.progress().finished(done.task().name());
                        LOG.info("event=collection.staged collection={} documents={} bytes={} indexes={} durationMs={}",
                                done.task().name(), done.figures().documents(), done.figures().bytes(),
                                done.figures().indexes(), done.figures().durationMs());
                    });
        } finally {
            writerPool.shutdownNow();
            // Cleanup must come after the last writer: one still inside an insert would otherwise
            // recreate a staging collection after it was dropped.
            CollectionFanOut.awaitStopped(writerPool, run.stopBound());
        }
    }

    /** The position first (every change after it is replayed by the next delta), then the copy. */
    private Staged stage(CollectionCopier copier, CollectionTask task, ClusterClock.Now now) throws InterruptedException {
        try {
            Optional<StreamPosition> position = ChangeStreams.positionBeforeCopy(
                    run.source().getCollection(task.name(), RawBsonDocument.class), now);
            return new Staged(copier.copy(task), position);
        } catch (SyncFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            // Every failure message names the collection it is about.
            throw new SyncFailedException("copy of collection '" + task.name() + "' failed: "
                    + FailureMessages.describe(e), e);
        }
    }

    private void dropStagingQuietly() {
        // An interrupted run (Ctrl-C, shutdown) must still clean up: the driver refuses to talk on an
        // interrupted thread, so the flag is set aside for the drop and restored after it.
        boolean interrupted = Thread.interrupted();
        try {
            List<String> dropped = staging.dropOwn();
            if (!dropped.isEmpty()) {
                LOG.info("event=staging.dropped collections={}", dropped);
            }
        } catch (RuntimeException e) {
            // The target may be the thing that failed; the next run drops leftovers before it starts.
            LOG.warn("event=staging.drop_failed reason={}", e.getClass().getSimpleName());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
