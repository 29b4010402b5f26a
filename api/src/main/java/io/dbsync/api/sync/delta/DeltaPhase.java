package io.dbsync.api.sync.delta;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.sync.mongo.ClusterClock;
import io.dbsync.api.sync.mongo.CollectionFanOut;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.mongo.ParallelReads;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.mongo.UniqueIndexConflict;
import io.dbsync.api.sync.plan.CollectionTask;
import io.dbsync.api.sync.plan.Method;
import io.dbsync.api.sync.plan.SyncFailedException;
import io.dbsync.api.sync.plan.TaskOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;

/**
 * The in-place half of a run: applies each collection's delta, up to {@link ParallelReads#AT_ONCE}
 * at a time. A stream that cannot be used falls back at once (to a comparison, in place, or to a full
 * copy, which is left to the run's second staged pass). The first failure stops the others.
 */
public final class DeltaPhase {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaPhase.class);

    private final RunContext run;
    private final StreamApplier stream;
    private final CompareApplier compare;

    /** Applies a task that replaces one that could not be used. */
    @FunctionalInterface
    interface Fallback {
        TaskOutcome apply(CollectionTask task) throws InterruptedException;
    }

    public DeltaPhase(RunContext run, SyncMode mode, ClusterClock.Now startedAt) {
        this.run = run;
        this.compare = new CompareApplier(run);
        this.stream = new StreamApplier(run, mode, startedAt, this::apply);
    }

    /** Each task's outcome, in finishing order. */
    public List<TaskOutcome> applyAll(List<CollectionTask> tasks) throws InterruptedException {
        // An unchanged collection's delta is a handful of small round trips: more of them at once
        // than full copies, which move whole batches.
        int parallel = Math.max(run.settings().parallelCollections(), ParallelReads.AT_ONCE);
        return CollectionFanOut.run(tasks, parallel, "dbsync-delta", run.stopBound(), this::apply, outcome -> { });
    }

    private TaskOutcome apply(CollectionTask task) throws InterruptedException {
        if (task.method() == Method.COPY) {
            return new TaskOutcome.NeedsCopy(task);
        }
        run.lock().require("before applying a delta to '" + task.name() + "'");
        run.progress().started(task.plan());
        try {
            return task.method() == Method.STREAM ? stream.apply(task) : compare.apply(task);
        } catch (UniqueIndexConflict e) {
            // Replayed, the same writes would fail the same way: copied in full instead, through
            // staging, where no intermediate state exists.
            run.ledger().forget(task.name());
            LOG.warn("event=delta.unique_conflict collection={} reason=\"{}\"", task.name(), e.getMessage());
            return new TaskOutcome.NeedsCopy(task.copyInstead("a unique index refused a delta write"));
        } catch (SyncFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SyncFailedException("delta of collection '" + task.name() + "' failed: "
                    + FailureMessages.describe(e), e);
        }
    }
}
