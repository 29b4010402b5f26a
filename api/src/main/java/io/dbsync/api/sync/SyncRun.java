package io.dbsync.api.sync;

import io.dbsync.api.config.StandbyLimits;
import io.dbsync.api.config.SyncMode;
import io.dbsync.api.store.StandbyLedger;
import io.dbsync.api.store.StandbyMarks;
import io.dbsync.api.sync.copy.StagedCopy;
import io.dbsync.api.sync.copy.ViewWriter;
import io.dbsync.api.sync.guard.Divergence;
import io.dbsync.api.sync.guard.DivergenceGuard;
import io.dbsync.api.sync.mongo.ClusterClock;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.mongo.StandbyInventory;
import io.dbsync.api.sync.mongo.StorageUsage;
import io.dbsync.api.sync.mongo.SyncPlanner;
import io.dbsync.api.sync.plan.CollectionKind;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.CollectionTask;
import io.dbsync.api.sync.plan.DocumentTap;
import io.dbsync.api.sync.plan.Method;
import io.dbsync.api.sync.plan.SyncFailedException;
import io.dbsync.api.sync.plan.StoragePlan;
import io.dbsync.api.sync.plan.StoragePlanner;
import io.dbsync.api.sync.plan.TaskOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run: plans a task per collection, then brings each up to date by its method. Staged copies
 * come first, so a failure there leaves the standby exactly as it was; in-place deltas then move
 * each collection from one consistent state towards the source's state at the run's start; a delta
 * that cannot be used becomes a second staged copy; views come last; then the restore point, when due.
 */
final class SyncRun {
    private static final Logger LOG = LoggerFactory.getLogger(SyncRun.class);

    private final RunContext run;
    private final RunOptions options;
    private final RunProgress progress;
    private final StandbyMarks marks;
    private final RunPhases phases;
    private final RestorePointStarter restorePoints;

    /** Begins the run's restore point (if one is due) for the collections it covers. */
    @FunctionalInterface
    interface RestorePointStarter {
        RestorePointStep begin(List<CollectionPlan> plans);
    }

    SyncRun(RunContext run, RunOptions options, RunProgress progress, StandbyMarks marks, RunPhases phases,
            RestorePointStarter restorePoints) {
        this.run = run;
        this.options = options;
        this.progress = progress;
        this.marks = marks;
        this.phases = phases;
        this.restorePoints = restorePoints;
    }

    RunOutcome run() throws InterruptedException {
        phases.enter("plan");
        List<CollectionPlan> everything = new SyncPlanner().plan(run.source());
        List<CollectionPlan> plans = everything.stream().filter(plan -> options.filter().accepts(plan.name())).toList();
        progress.planned(plans);
        ShrinkCheck shrinkCheck = new ShrinkCheck(options, everything, run.target());
        // Cheap estimates first, so an emptied primary is refused before any work is done. For a
        // delta this is the whole guard: the source's count is what the delta converges to.
        phases.enter("guard");
        // Read once, before any write: the guards, the choice of method and the collections missing
        // on the source all look at the standby as it was when the run began.
        StandbyInventory standby = StandbyInventory.read(run.target());
        shrinkCheck.check(estimates(plans), standby);
        DivergenceGuard guard = new DivergenceGuard(run.target(), marks, run.settings().batchDocuments());
        Divergence divergence = allowed(guard.check(standby));

        // From here on the run may write the standby: whatever happens, its mark is taken at the end.
        ClusterClock.Now standbyFloor = ClusterClock.now(run.target());
        List<TaskOutcome.Done> done = new ArrayList<>();
        phases.enter("tasks");
        try (RestorePointStep restorePoint = restorePoints.begin(plans)) {
            RunOutcome outcome = missingOnSource(everything, standby, write(plans, standby, shrinkCheck, guard, divergence,
                    done, restorePoint.tap()));
            if (restorePoint.active()) {
                phases.enter("restore_point");
                restorePoint.complete();
            }
            return outcome;
        } finally {
            phases.enter("mark");
            mark(guard, standbyFloor, done);
            phases.end();
        }
    }

    /** Tasks, storage plan, then the writes (see {@link WritePhase}), the views, and the run's account. */
    private RunOutcome write(List<CollectionPlan> plans, StandbyInventory standby, ShrinkCheck shrinkCheck,
                             DivergenceGuard guard, Divergence divergence, List<TaskOutcome.Done> done, DocumentTap tap)
            throws InterruptedException {
        Map<String, StandbyLedger.Entry> entries = options.mode() == SyncMode.FULL ? Map.of() : run.ledger().entries();
        List<CollectionTask> tasks = TaskChooser.tasks(plans, options.mode(), entries, standby,
                divergence);
        phases.enter("storage");
        StoragePlan storage = storagePlan(tasks);
        // Staged copies check what they staged against the standby as it is now, and the lock.
        StagedCopy.SwapCheck beforeSwap = staging -> {
            shrinkCheck.check(stagedCounts(staging));
            run.lock().require("before the swap");
        };
        // The first swap comes before any in-place write: foreign writes during the copy are still
        // foreign, and the swap would destroy them. (Not with a fingerprint: that costs a full read.)
        // Only before the very first swap: after it, the standby holds this run's own writes.
        AtomicBoolean firstSwap = new AtomicBoolean(true);
        StagedCopy.SwapCheck beforeFirstSwap = staging -> {
            beforeSwap.beforeSwap(staging);
            boolean cheap = divergence.detector() == Divergence.Detector.STREAM
                    || divergence.detector() == Divergence.Detector.COUNTS;
            if (firstSwap.getAndSet(false) && cheap) {
                allowed(guard.check());
            }
        };
        phases.enter("write");
        new WritePhase(run.withTap(tap), options, storage).write(tasks, beforeFirstSwap, beforeSwap, done);
        phases.enter("views");
        List<CollectionTask> views = WritePhase.only(tasks, Method.VIEW::equals);
        writeViews(views);

        List<CollectionResult> results = new ArrayList<>();
        done.stream().sorted(Comparator.comparingInt(outcome -> plans.indexOf(outcome.task().plan())))
                .forEach(outcome -> results.add(CollectionResult.of(outcome)));
        views.forEach(view -> results.add(CollectionResult.view(view.plan())));
        SyncMode ran = results.stream().allMatch(result -> result.method().isFullCopy() || result.method() == Method.VIEW)
                ? SyncMode.FULL : SyncMode.DELTA;
        String reason = ModeReasons.describe(options.mode(), ran, results);
        return new RunOutcome(ran, reason, results, List.of(), List.of(), divergence, storage);
    }

    /** How the run fits the standby, read before anything is written; a run that cannot fit is refused. */
    private StoragePlan storagePlan(List<CollectionTask> tasks) {
        StandbyLimits limits = run.limits();
        boolean known = limits.storageBytes().isPresent() || limits.maxCollections().isPresent();
        StorageUsage usage = known ? StorageUsage.read(run.standbyCluster(), run.target())
                : new StorageUsage(0, Map.of(), 0);
        try {
            return StoragePlanner.plan(limits, usage.usedBytes(), usage.collectionBytes(), usage.collections(), tasks);
        } catch (StoragePlanner.DoesNotFit e) {
            throw new RunRefusedException(Refusal.STORAGE_LIMIT, "the run does not fit the standby: " + e.getMessage());
        }
    }

    /** A clean check, or a diverged one the run was told to override; else the run is refused. */
    private Divergence allowed(Divergence divergence) {
        if (!divergence.diverged()) {
            return divergence;
        }
        if (!options.force()) {
            throw new RunRefusedException(Refusal.STANDBY_DIVERGED, divergence.refusalMessage(), divergence);
        }
        LOG.warn("event=guard.overridden runId={} detail=\"{}\"", run.runId(), divergence.refusalMessage());
        return divergence.overriddenByForce();
    }

    /**
     * Where the standby stands after this run's last write, for the next run's check. Taken even when
     * the run failed part-way (it may have written); if the standby cannot be read, the old mark stays
     * and the next run may take this run's writes for foreign ones — refused, never silently lost.
     */
    private void mark(DivergenceGuard guard, ClusterClock.Now standbyFloor, List<TaskOutcome.Done> done) {
        // A stopped run (Ctrl-C, or the end of the wait on Lambda) has written too: its mark matters most.
        // The driver refuses to talk on an interrupted thread, so the flag is set aside and restored after.
        boolean interrupted = Thread.interrupted();
        try {
            guard.mark(run.runId(), standbyFloor, name -> done.stream().filter(outcome -> outcome.task().name().equals(name))
                    .findFirst().map(outcome -> outcome.figures().standbyDigest()).orElse(null));
        } catch (RuntimeException e) {
            LOG.warn("event=guard.mark_failed runId={} reason=\"{}\"", run.runId(), FailureMessages.describe(e));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The source's own estimates, per collection (views hold no documents). */
    private static Map<String, Long> estimates(List<CollectionPlan> plans) {
        Map<String, Long> counts = new LinkedHashMap<>();
        plans.stream().filter(plan -> plan.kind() != CollectionKind.VIEW)
                .forEach(plan -> counts.put(plan.name(), plan.estimatedDocuments()));
        return counts;
    }

    /** The documents actually staged, per collection. */
    private static Map<String, Long> stagedCounts(List<TaskOutcome.Done> staged) {
        Map<String, Long> counts = new LinkedHashMap<>();
        staged.forEach(done -> counts.put(done.task().name(), done.figures().documents()));
        return counts;
    }

    private void writeViews(List<CollectionTask> views) {
        try {
            new ViewWriter(run.target()).writeAll(views.stream().map(CollectionTask::plan).toList());
        } catch (RuntimeException e) {
            throw new SyncFailedException("every collection was brought up to date, but recreating the views"
                    + " failed: " + FailureMessages.describe(e), e);
        }
        views.forEach(view -> run.progress().finished(view.name()));
    }

    /**
     * Collections the source no longer has: forgotten by the ledger, and kept, or dropped with
     * {@code dropMissing}. From the standby as the run found it: a run creates only collections the
     * source has.
     */
    private RunOutcome missingOnSource(List<CollectionPlan> everything, StandbyInventory standby, RunOutcome outcome) {
        List<String> missing = standby.missingFrom(everything);
        missing.forEach(run.ledger()::forget); // no longer a copy of anything on the source
        if (!options.dropMissing()) {
            return new RunOutcome(outcome.mode(), outcome.modeReason(), outcome.collections(), missing, List.of(),
                    outcome.divergence(), outcome.storage());
        }
        try {
            missing.forEach(name -> run.target().getCollection(name).drop());
        } catch (RuntimeException e) {
            throw new SyncFailedException("every collection was brought up to date, but dropping the"
                    + " collections missing on the source failed: " + FailureMessages.describe(e), e);
        }
        LOG.info("event=missing.dropped collections={}", missing);
        return new RunOutcome(outcome.mode(), outcome.modeReason(), outcome.collections(), List.of(), missing,
                outcome.divergence(), outcome.storage());
    }
}
