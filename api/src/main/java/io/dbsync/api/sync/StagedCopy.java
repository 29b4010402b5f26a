package io.dbsync.api.sync;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.runs.StandbyLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full-copy path of a run: copies collections into this run's staging collections (several at
 * once, largest first), lets the run check what was staged, swaps them in, and records each in the
 * ledger with the stream position taken before its copy. A failure before the swap drops the
 * staging collections and leaves the standby exactly as it was.
 */
final class StagedCopy {
    private static final Logger LOG = LoggerFactory.getLogger(StagedCopy.class);

    private final MongoDatabase source;
    private final MongoDatabase target;
    private final StagingArea staging;
    private final StandbyLedger ledger;
    private final String runId;

    StagedCopy(MongoDatabase source, MongoDatabase target, StandbyLedger ledger, String runId) {
        this.source = source;
        this.target = target;
        this.staging = new StagingArea(target, StagingNames.runTag(runId));
        this.ledger = ledger;
        this.runId = runId;
    }

    /** Drops every staging collection left by earlier runs; safe under the run lock only. */
    void dropLeftovers() {
        List<String> leftovers = staging.dropAll();
        if (!leftovers.isEmpty()) {
            LOG.info("event=staging.leftovers_dropped collections={}", leftovers);
        }
    }

    /**
     * Copies {@code plans} into staging; {@code beforeSwap} sees the staged results and may throw
     * (the deletion guard, a lost lock) to stop the swap. Returns the results with each plan's reason.
     */
    List<CollectionResult> copyAndSwap(List<CollectionPlan> plans, Map<String, MethodChoice> choices, RunProgress progress,
                                       SyncSettings settings, ClusterClock.Now now,
                                       Consumer<List<CollectionResult>> beforeSwap) throws InterruptedException {
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
            results = copyAll(plans, progress, settings);
            beforeSwap.accept(results);
        } catch (RuntimeException | InterruptedException e) {
            dropStagingQuietly();
            throw e;
        }
        try {
            new Swapper(target, staging).swapAll(plans);
        } finally {
            // After a failed swap the collections not yet swapped must not hold the storage.
            dropStagingQuietly();
        }
        List<CollectionResult> withReasons = new ArrayList<>();
        for (CollectionResult result : results) {
            ledger.save(result.name(), positions.get(result.name()).map(StreamPosition::toJson).orElse(null), runId);
            withReasons.add(result.withReason(choices.get(result.name()).reason()));
        }
        return withReasons;
    }

    private List<CollectionResult> copyAll(List<CollectionPlan> plans, RunProgress progress, SyncSettings settings)
            throws InterruptedException {
        int parallel = Math.max(1, Math.min(settings.parallelCollections(), plans.size()));
        ExecutorService writerPool = Executors.newFixedThreadPool(parallel * settings.writersPerCollection(),
                CollectionFanOut.named("dbsync-write"));
        Duration stopBound = stopBound(settings);
        try {
            CollectionCopier copier = new CollectionCopier(source, target, settings, writerPool, progress, staging);
            return CollectionFanOut.run(plans, parallel, "dbsync-copy", stopBound, plan -> copyNamingFailures(copier, plan),
                    result -> {
                        progress.collectionDone(result.name());
                        LOG.info("event=collection.staged collection={} documents={} bytes={} indexes={} durationMs={}",
                                result.name(), result.documents(), result.bytes(), result.indexes(), result.durationMs());
                    });
        } finally {
            writerPool.shutdownNow();
            // Cleanup must come after the last writer: one still inside an insert would otherwise
            // recreate a staging collection after it was dropped.
            CollectionFanOut.awaitStopped(writerPool, stopBound);
        }
    }

    /** How long a stopped copy thread may take to notice: one reply, after a connection's set-up. */
    static Duration stopBound(SyncSettings settings) {
        return settings.mongoReadTimeout().plus(settings.mongoTimeout());
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

    private void dropStagingQuietly() {
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
}
