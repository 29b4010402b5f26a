package io.dbsync.api.sync.copy;

import io.dbsync.api.sync.mongo.ClusterClock;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.plan.CollectionTask;
import io.dbsync.api.sync.plan.StagingNames;
import io.dbsync.api.sync.plan.TaskOutcome;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staged path of a run: copies collections into this run's staging collections, lets the run
 * check what was staged, swaps them in, and records each in the ledger with the stream position
 * taken before its copy — all at once, or one collection at a time when the standby cannot hold
 * two copies of everything. A failure before a swap drops the staging collections and leaves
 * those collections exactly as they were.
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

    public StagedCopy(RunContext run) {
        this.run = run;
        this.staging = new StagingArea(run.target(), StagingNames.runTag(run.runId()), run.limits().maxNamespaceBytes());
    }

    /** Drops every staging collection left by earlier runs; safe under the run lock only. */
    public void dropLeftovers() {
        List<String> leftovers = staging.dropAll();
        if (!leftovers.isEmpty()) {
            LOG.info("event=staging.leftovers_dropped collections={}", leftovers);
        }
    }

    /** Copies {@code tasks} into staging, lets {@code check} see the result, swaps them all in, records them. */
    public List<TaskOutcome.Done> copyAndSwap(List<CollectionTask> tasks, ClusterClock.Now now, SwapCheck check)
            throws InterruptedException {
        if (tasks.isEmpty()) {
            return List.of();
        }
        List<CopyPass.Copied> staged;
        try {
            staged = CopyPass.copyAll(run, tasks, now, staging);
            check.beforeSwap(staged.stream().map(CopyPass.Copied::done).toList());
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
        CopyPass.record(run, staged);
        return staged.stream().map(CopyPass.Copied::done).toList();
    }

    /**
     * The same, one collection at a time in the order given (largest first): the standby holds at
     * most one staged collection besides its own. The first failure stops the run; collections
     * already swapped stay new, the others old.
     */
    public List<TaskOutcome.Done> copyAndSwapEach(List<CollectionTask> tasks, ClusterClock.Now now, SwapCheck check)
            throws InterruptedException {
        List<TaskOutcome.Done> done = new ArrayList<>();
        for (CollectionTask task : tasks) {
            done.addAll(copyAndSwap(List.of(task), now, check));
        }
        return done;
    }

    void dropStagingQuietly() {
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
