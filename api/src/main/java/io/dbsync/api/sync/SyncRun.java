package io.dbsync.api.sync;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncMode;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.runs.StandbyLedger;
import org.bson.RawBsonDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.bson.BsonDocument;
import org.bson.BsonString;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run. Every collection is brought up to date by one of three methods ({@link MethodChoice}):
 * copied in full into staging and swapped in once all staged copies are verified; or, in a delta,
 * changed in place from its change stream or by comparing contents. The staged copies come first,
 * so a failure there leaves the standby exactly as it was; in-place deltas then move each
 * collection from one consistent state towards the source's state at the run's start.
 */
final class SyncRun {
    private static final Logger LOG = LoggerFactory.getLogger(SyncRun.class);

    private final MongoDatabase source;
    private final MongoDatabase target;
    private final SyncSettings settings;
    private final StagingArea staging;
    private final StandbyLedger ledger;
    private final String runId;

    SyncRun(MongoDatabase source, MongoDatabase target, SyncSettings settings, String runId, StandbyLedger ledger) {
        // Positions and scans from the same node: a stream position taken on one secondary and a scan
        // served by a lagging other one would skip the changes in between.
        this.source = source.withReadPreference(com.mongodb.ReadPreference.primary());
        this.target = target;
        this.settings = settings;
        this.staging = new StagingArea(target, StagingNames.runTag(runId));
        this.ledger = ledger;
        this.runId = runId;
    }

    /**
     * What a run produced when it completed.
     *
     * @param mode       {@code full} when every collection was copied and swapped in, else {@code delta}
     * @param modeReason why, and which collections fell back to another method
     */
    record Outcome(String mode, String modeReason, List<CollectionResult> collections, List<String> keptOnTarget,
                   List<String> droppedOnTarget) {
    }

    /**
     * Runs with {@code options}; {@code lockStillHeld} is asked before the swap and before each
     * in-place delta, so a run that lost its lock (its database session died) stops writing the standby.
     */
    Outcome run(RunProgress progress, RunOptions options, BooleanSupplier lockStillHeld) throws InterruptedException {
        List<CollectionPlan> everything = new SyncPlanner().plan(source);
        List<CollectionPlan> plans = everything.stream().filter(p -> options.filter().accepts(p.name())).toList();
        progress.planned(plans);
        List<CollectionPlan> collections = plans.stream().filter(p -> p.kind() != CollectionKind.VIEW).toList();
        List<CollectionPlan> views = plans.stream().filter(p -> p.kind() == CollectionKind.VIEW).toList();
        DeletionGuard guard = new DeletionGuard(options.maxShrinkPercent());
        if (!options.force()) {
            // Cheap estimates first, so an emptied primary is refused before any work is done. For a
            // delta this is the whole guard: the source's count is what the delta converges to.
            Map<String, Long> estimates = new LinkedHashMap<>();
            collections.forEach(plan -> estimates.put(plan.name(), plan.estimatedDocuments()));
            dropsAsShrinks(options, everything, estimates);
            refuseIf(guard.refusal(!everything.isEmpty(), estimates, standbyCounts()));
        }

        List<String> leftovers = staging.dropAll();
        if (!leftovers.isEmpty()) {
            LOG.info("event=staging.leftovers_dropped collections={}", leftovers);
        }
        ClusterClock.Now startedAt = ClusterClock.now(source);
        Map<String, StandbyLedger.Entry> entries = options.mode() == SyncMode.FULL ? Map.of() : ledger.entries();
        Set<String> onStandby = new HashSet<>(target.listCollectionNames().into(new ArrayList<>()));
        Map<String, MethodChoice> choices = new LinkedHashMap<>();
        for (CollectionPlan plan : collections) {
            choices.put(plan.name(), MethodChoice.choose(options.mode(), plan, entries.get(plan.name()),
                    onStandby.contains(plan.name())));
        }
        SyncSettings runSettings = settings.withVerify(options.verify());

        Map<String, CollectionResult> results = new LinkedHashMap<>();
        List<CollectionPlan> firstCopies = collections.stream()
                .filter(plan -> choices.get(plan.name()).method().equals(CollectionResult.COPY)).toList();
        copyAndSwap(firstCopies, choices, progress, options, everything, guard, lockStillHeld, runSettings, startedAt)
                .forEach(result -> results.put(result.name(), result));

        List<CollectionPlan> deltaPlans = collections.stream()
                .filter(plan -> !choices.get(plan.name()).method().equals(CollectionResult.COPY)).toList();
        DeltaApplier deltas = new DeltaApplier(source, target, runSettings, progress, ledger, runId);
        List<CollectionPlan> secondCopies = new ArrayList<>();
        for (DeltaOutcome outcome : applyDeltas(deltaPlans, choices, deltas, options.mode(), startedAt, lockStillHeld,
                runSettings)) {
            if (outcome.result() != null) {
                results.put(outcome.plan().name(), outcome.result());
                progress.collectionDone(outcome.plan().name());
            } else {
                choices.put(outcome.plan().name(), outcome.copyChoice());
                secondCopies.add(outcome.plan());
            }
        }
        copyAndSwap(secondCopies, choices, progress, options, everything, guard, lockStillHeld, runSettings,
                ClusterClock.now(source)).forEach(result -> results.put(result.name(), result));

        try {
            new ViewWriter(target).writeAll(views);
        } catch (RuntimeException e) {
            throw new SyncFailedException("every collection was brought up to date, but recreating the views"
                    + " failed: " + FailureMessages.describe(e), e);
        }
        views.forEach(view -> progress.collectionDone(view.name()));

        List<CollectionResult> all = new ArrayList<>();
        collections.forEach(plan -> all.add(results.get(plan.name())));
        views.forEach(view -> all.add(new CollectionResult(view.name(), CollectionKind.VIEW.json(),
                CollectionResult.DEFINITION, null, 0, 0, 0, 0, 0, true, "definition")));
        String mode = all.stream().allMatch(r -> r.method().equals(CollectionResult.COPY)
                || r.method().equals(CollectionResult.DEFINITION)) ? SyncResult.MODE_FULL : SyncResult.MODE_DELTA;
        String reason = ModeReasons.describe(options.mode(), mode, all);

        List<String> missing = missingOnSource(everything);
        missing.forEach(ledger::forget); // no longer a copy of anything on the source
        if (options.dropMissing()) {
            try {
                missing.forEach(name -> target.getCollection(name).drop());
            } catch (RuntimeException e) {
                throw new SyncFailedException("every collection was brought up to date, but dropping the"
                        + " collections missing on the source failed: " + FailureMessages.describe(e), e);
            }
            LOG.info("event=missing.dropped collections={}", missing);
            return new Outcome(mode, reason, all, List.of(), missing);
        }
        return new Outcome(mode, reason, all, missing, List.of());
    }

    /**
     * Copies {@code plans} into staging, checks the staged counts against the guard and the lock,
     * swaps them in, and records each in the ledger with the stream position taken before its copy.
     */
    private List<CollectionResult> copyAndSwap(List<CollectionPlan> plans, Map<String, MethodChoice> choices,
                                               RunProgress progress, RunOptions options, List<CollectionPlan> everything,
                                               DeletionGuard guard, BooleanSupplier lockStillHeld, SyncSettings runSettings,
                                               ClusterClock.Now now) throws InterruptedException {
        if (plans.isEmpty()) {
            return List.of();
        }
        Map<String, Optional<StreamPosition>> positions = new LinkedHashMap<>();
        List<CollectionResult> results;
        try {
            for (CollectionPlan plan : plans) {
                positions.put(plan.name(), ChangeStreams.positionBeforeCopy(
                        source.getCollection(plan.name(), RawBsonDocument.class), now));
            }
            results = copyAll(plans, progress, runSettings);
            if (!options.force()) {
                // Authoritative: what was actually staged, against the standby as it is now.
                Map<String, Long> staged = new LinkedHashMap<>();
                results.forEach(result -> staged.put(result.name(), result.documents()));
                dropsAsShrinks(options, everything, staged);
                refuseIf(guard.refusal(!everything.isEmpty(), staged, standbyCounts()));
            }
            requireLock(lockStillHeld, "before the swap");
        } catch (RuntimeException | InterruptedException e) {
            dropStagingQuietly(staging);
            throw e;
        }
        try {
            new Swapper(target, staging).swapAll(plans);
        } finally {
            // After a failed swap the collections not yet swapped must not hold the storage.
            dropStagingQuietly(staging);
        }
        List<CollectionResult> withReasons = new ArrayList<>();
        for (CollectionResult result : results) {
            ledger.save(result.name(), positions.get(result.name()).map(StreamPosition::toJson).orElse(null), runId);
            withReasons.add(result.withReason(choices.get(result.name()).reason()));
        }
        return withReasons;
    }

    /** A delta's end: the collection's result, or the full copy it falls back to. */
    private record DeltaOutcome(CollectionPlan plan, CollectionResult result, MethodChoice copyChoice) {
    }

    /**
     * Applies the deltas, {@code parallelCollections} at a time. A collection whose stream cannot be
     * used gets its fallback at once (a content comparison is tried in place; a copy is left for the
     * second staged pass). The first failure stops the others.
     */
    private List<DeltaOutcome> applyDeltas(List<CollectionPlan> plans, Map<String, MethodChoice> choices, DeltaApplier deltas,
                                           SyncMode mode, ClusterClock.Now startedAt, BooleanSupplier lockStillHeld,
                                           SyncSettings runSettings) throws InterruptedException {
        if (plans.isEmpty()) {
            return List.of();
        }
        int parallel = Math.max(1, Math.min(runSettings.parallelCollections(), plans.size()));
        ExecutorService pool = Executors.newFixedThreadPool(parallel, named("dbsync-delta"));
        try {
            CompletionService<DeltaOutcome> completion = new ExecutorCompletionService<>(pool);
            List<Future<DeltaOutcome>> futures = new ArrayList<>();
            for (CollectionPlan plan : plans) {
                futures.add(completion.submit(() -> applyOne(plan, choices.get(plan.name()), deltas, mode, startedAt,
                        lockStillHeld)));
            }
            List<DeltaOutcome> outcomes = new ArrayList<>();
            try {
                for (int i = 0; i < plans.size(); i++) {
                    outcomes.add(unwrap(completion.take()));
                }
            } finally {
                futures.forEach(future -> future.cancel(true));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
            awaitStopped(pool, runSettings);
        }
    }

    private static DeltaOutcome applyOne(CollectionPlan plan, MethodChoice choice, DeltaApplier deltas, SyncMode mode,
                                         ClusterClock.Now startedAt, BooleanSupplier lockStillHeld) throws InterruptedException {
        MethodChoice current = choice;
        // At most two attempts: a stream, then the content comparison it may fall back to.
        for (int attempt = 0; attempt < 2 && !current.method().equals(CollectionResult.COPY); attempt++) {
            requireLock(lockStillHeld, "before applying a delta to '" + plan.name() + "'");
            DeltaApplier.Applied applied;
            try {
                applied = deltas.apply(plan, current, mode, startedAt);
            } catch (SyncFailedException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SyncFailedException("delta of collection '" + plan.name() + "' failed: "
                        + FailureMessages.describe(e), e);
            }
            if (applied.result() != null) {
                return new DeltaOutcome(plan, applied.result(), null);
            }
            current = applied.nextChoice();
        }
        return new DeltaOutcome(plan, null, current.method().equals(CollectionResult.COPY) ? current
                : new MethodChoice(CollectionResult.COPY, current.reason(), null));
    }

    private static void requireLock(BooleanSupplier lockStillHeld, String when) {
        if (!lockStillHeld.getAsBoolean()) {
            throw new SyncFailedException("the run lost its lock " + when + " (its PostgreSQL session ended); "
                    + "it stopped without writing further");
        }
    }

    /** A collection dropMissing would drop shrinks to nothing: the guard must see it as such. */
    private void dropsAsShrinks(RunOptions options, List<CollectionPlan> everything, Map<String, Long> counts) {
        if (options.dropMissing()) {
            missingOnSource(everything).forEach(name -> counts.putIfAbsent(name, 0L));
        }
    }

    private static void refuseIf(Optional<String> refusal) {
        if (refusal.isPresent()) {
            throw new RunRefusedException(refusal.get());
        }
    }

    /** Documents per standby collection (views have none), from the server's metadata. */
    private Map<String, Long> standbyCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (BsonDocument info : target.listCollections(BsonDocument.class)) {
            String name = info.getString("name").getValue();
            boolean view = "view".equals(info.getString("type", new BsonString("collection")).getValue());
            if (!view && !StagingNames.isSkipped(name)) {
                counts.put(name, target.getCollection(name).estimatedDocumentCount());
            }
        }
        return counts;
    }

    private List<CollectionResult> copyAll(List<CollectionPlan> plans, RunProgress progress, SyncSettings runSettings)
            throws InterruptedException {
        int parallel = Math.max(1, Math.min(runSettings.parallelCollections(), plans.size()));
        ExecutorService collectionPool = Executors.newFixedThreadPool(parallel, named("dbsync-copy"));
        ExecutorService writerPool = Executors.newFixedThreadPool(parallel * runSettings.writersPerCollection(), named("dbsync-write"));
        try {
            CollectionCopier copier = new CollectionCopier(source, target, runSettings, writerPool, progress, staging);
            CompletionService<CollectionResult> completion = new ExecutorCompletionService<>(collectionPool);
            List<Future<CollectionResult>> futures = new ArrayList<>();
            for (CollectionPlan plan : plans) {
                futures.add(completion.submit(() -> copyNamingFailures(copier, plan)));
            }
            List<CollectionResult> results = new ArrayList<>();
            try {
                for (int i = 0; i < plans.size(); i++) {
                    CollectionResult result = unwrap(completion.take());
                    results.add(result);
                    progress.collectionDone(result.name());
                    LOG.info("event=collection.staged collection={} documents={} bytes={} indexes={} durationMs={}",
                            result.name(), result.documents(), result.bytes(), result.indexes(), result.durationMs());
                }
            } finally {
                // Fail fast: the first failure stops the other copies.
                futures.forEach(future -> future.cancel(true));
            }
            return results;
        } finally {
            collectionPool.shutdownNow();
            writerPool.shutdownNow();
            // Cleanup must come after the last copy thread: one still inside a create or insert
            // would otherwise make a staging collection after it was dropped.
            awaitStopped(collectionPool, runSettings);
            awaitStopped(writerPool, runSettings);
        }
    }

    private static void awaitStopped(ExecutorService pool, SyncSettings runSettings) throws InterruptedException {
        long boundMs = runSettings.mongoReadTimeout().toMillis() + runSettings.mongoTimeout().toMillis();
        if (!pool.awaitTermination(boundMs, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            LOG.warn("event=copy.threads_still_running afterMs={}", boundMs);
        }
    }

    /** Every failure message names the collection it is about. */
    private static CollectionResult copyNamingFailures(CollectionCopier copier, CollectionPlan plan) throws InterruptedException {
        try {
            return copier.copy(plan);
        } catch (SyncFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SyncFailedException("copy of collection '" + plan.name() + "' failed: "
                    + FailureMessages.describe(e), e);
        }
    }

    private static <T> T unwrap(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SyncFailedException failed) {
                throw failed;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SyncFailedException("a collection copy failed", cause);
        }
    }

    /** Standby collections the source no longer has (whatever the filters say: they are not missing). */
    private List<String> missingOnSource(List<CollectionPlan> plans) {
        Set<String> onSource = new HashSet<>();
        plans.forEach(plan -> onSource.add(plan.name()));
        List<String> kept = new ArrayList<>();
        for (String name : target.listCollectionNames()) {
            if (!StagingNames.isSkipped(name) && !onSource.contains(name)) {
                kept.add(name);
            }
        }
        kept.sort(String::compareTo);
        return kept;
    }

    private static void dropStagingQuietly(StagingArea staging) {
        try {
            List<String> dropped = staging.dropOwn();
            if (!dropped.isEmpty()) {
                LOG.info("event=staging.dropped collections={}", dropped);
            }
        } catch (RuntimeException e) {
            // The target may be the thing that failed; the next run drops leftovers before it starts.
            LOG.warn("event=staging.drop_failed reason={}", e.getClass().getSimpleName());
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
