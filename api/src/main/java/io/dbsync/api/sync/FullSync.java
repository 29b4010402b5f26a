package io.dbsync.api.sync;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncSettings;
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
 * One full-copy run: plan, copy every collection into staging (several at once, largest first),
 * and only when all are staged and verified swap them in. A failure before the swap drops the
 * staging collections and leaves the standby exactly as it was.
 */
final class FullSync {
    private static final Logger LOG = LoggerFactory.getLogger(FullSync.class);

    private final MongoDatabase source;
    private final MongoDatabase target;
    private final SyncSettings settings;
    private final StagingArea staging;

    FullSync(MongoDatabase source, MongoDatabase target, SyncSettings settings, String runId) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.staging = new StagingArea(target, StagingNames.runTag(runId));
    }

    /** What a run produced when it completed. */
    record Outcome(List<CollectionResult> collections, List<String> keptOnTarget, List<String> droppedOnTarget) {
    }

    /**
     * Runs the copy with {@code options}; {@code lockStillHeld} is asked once more just before the
     * swap, so a run that lost its lock (its database session died) never touches the standby.
     */
    Outcome run(RunProgress progress, RunOptions options, BooleanSupplier lockStillHeld) throws InterruptedException {
        List<CollectionPlan> everything = new SyncPlanner().plan(source);
        List<CollectionPlan> plans = everything.stream().filter(p -> options.filter().accepts(p.name())).toList();
        progress.planned(plans);
        List<CollectionPlan> copies = plans.stream().filter(p -> p.kind() != CollectionKind.VIEW).toList();
        List<CollectionPlan> views = plans.stream().filter(p -> p.kind() == CollectionKind.VIEW).toList();
        DeletionGuard guard = new DeletionGuard(options.maxShrinkPercent());
        if (!options.force()) {
            // Cheap estimates first, so an emptied primary is refused before any work is done.
            Map<String, Long> estimates = new LinkedHashMap<>();
            copies.forEach(plan -> estimates.put(plan.name(), plan.estimatedDocuments()));
            dropsAsShrinks(options, everything, estimates);
            refuseIf(guard.refusal(!everything.isEmpty(), estimates, standbyCounts()));
        }

        List<String> leftovers = staging.dropAll();
        if (!leftovers.isEmpty()) {
            LOG.info("event=staging.leftovers_dropped collections={}", leftovers);
        }
        List<CollectionResult> results;
        try {
            results = copyAll(copies, progress, settings.withVerify(options.verify()));
            if (!options.force()) {
                // Authoritative: what was actually staged, against the standby as it is now.
                Map<String, Long> staged = new LinkedHashMap<>();
                results.forEach(result -> staged.put(result.name(), result.documents()));
                dropsAsShrinks(options, everything, staged);
                refuseIf(guard.refusal(!everything.isEmpty(), staged, standbyCounts()));
            }
            if (!lockStillHeld.getAsBoolean()) {
                throw new SyncFailedException("the run lost its lock before the swap (its PostgreSQL session ended); "
                        + "nothing was swapped");
            }
        } catch (RuntimeException | InterruptedException e) {
            dropStagingQuietly(staging);
            throw e;
        }
        try {
            new Swapper(target, staging).swapAll(copies);
        } finally {
            // After a failed swap the collections not yet swapped must not hold the storage.
            dropStagingQuietly(staging);
        }
        try {
            new ViewWriter(target).writeAll(views);
        } catch (RuntimeException e) {
            throw new SyncFailedException("every collection was replaced with a verified copy, but recreating the views"
                    + " failed: " + FailureMessages.describe(e), e);
        }
        views.forEach(view -> progress.collectionDone(view.name()));

        List<CollectionResult> all = new ArrayList<>(results);
        views.forEach(view -> all.add(new CollectionResult(view.name(), CollectionKind.VIEW.json(), 0, 0, 0, 0, true, "definition")));
        List<String> missing = missingOnSource(everything);
        if (options.dropMissing()) {
            try {
                missing.forEach(name -> target.getCollection(name).drop());
            } catch (RuntimeException e) {
                throw new SyncFailedException("every collection was replaced with a verified copy, but dropping the"
                        + " collections missing on the source failed: " + FailureMessages.describe(e), e);
            }
            LOG.info("event=missing.dropped collections={}", missing);
            return new Outcome(all, List.of(), missing);
        }
        return new Outcome(all, missing, List.of());
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

    private static CollectionResult unwrap(Future<CollectionResult> future) throws InterruptedException {
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
