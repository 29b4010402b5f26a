package io.dbsync.api.sync;

import io.dbsync.api.sync.copy.DirectCopy;
import io.dbsync.api.sync.copy.StagedCopy;
import io.dbsync.api.sync.delta.DeltaPhase;
import io.dbsync.api.sync.mongo.ClusterClock;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.plan.CollectionTask;
import io.dbsync.api.sync.plan.Method;
import io.dbsync.api.sync.plan.StoragePlan;
import io.dbsync.api.sync.plan.TaskOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The writing part of a run, in the order that keeps the standby safest and its storage lowest:
 * staged copies (swapped in all at once, or one at a time when the standby cannot hold two copies
 * of everything), then copies straight into place, then in-place deltas, then staged copies for
 * the deltas that could not be used. Each finished collection is added to {@code done} at once, so
 * the run's mark sees it even when a later step fails.
 */
final class WritePhase {
    private final RunContext run;
    private final RunOptions options;
    private final StoragePlan storage;
    private final StagedCopy staged;

    WritePhase(RunContext run, RunOptions options, StoragePlan storage) {
        this.run = run;
        this.options = options;
        this.storage = storage;
        this.staged = new StagedCopy(run);
    }

    /**
     * @param beforeFirstSwap checks before the first swap, which precedes every in-place write
     * @param beforeSwap      checks before every later swap
     */
    void write(List<CollectionTask> tasks, StagedCopy.SwapCheck beforeFirstSwap, StagedCopy.SwapCheck beforeSwap,
               List<TaskOutcome.Done> done) throws InterruptedException {
        staged.dropLeftovers();
        ClusterClock.Now startedAt = ClusterClock.now(run.source());
        done.addAll(stage(only(tasks, Method.COPY::equals), startedAt, beforeFirstSwap));
        done.addAll(new DirectCopy(run).copy(only(tasks, Method.DIRECT::equals), startedAt));
        List<CollectionTask> copiesInstead = new ArrayList<>();
        for (TaskOutcome outcome : new DeltaPhase(run, options.mode(), startedAt).applyAll(only(tasks, Method::isInPlace))) {
            if (outcome instanceof TaskOutcome.Done delta) {
                done.add(delta);
                run.progress().finished(delta.task().name());
            } else {
                copiesInstead.add(outcome.task());
            }
        }
        if (!copiesInstead.isEmpty()) {
            done.addAll(stage(copiesInstead, ClusterClock.now(run.source()), beforeSwap));
        }
    }

    private List<TaskOutcome.Done> stage(List<CollectionTask> tasks, ClusterClock.Now now, StagedCopy.SwapCheck check)
            throws InterruptedException {
        if (storage.strategy() == StoragePlan.Strategy.WHOLE) {
            return staged.copyAndSwap(tasks, now, check);
        }
        List<CollectionTask> largestFirst = tasks.stream()
                .sorted(Comparator.comparingLong((CollectionTask task) -> task.plan().estimatedStorageBytes()).reversed())
                .toList();
        return staged.copyAndSwapEach(largestFirst, now, check);
    }

    static List<CollectionTask> only(List<CollectionTask> tasks, Predicate<Method> method) {
        return tasks.stream().filter(task -> method.test(task.method())).toList();
    }
}
