package io.dbsync.api.sync;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.config.SyncSettings;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The in-place half of a run: applies each collection's delta, {@code parallelCollections} at a
 * time. A collection whose stream cannot be used gets its fallback at once (a content comparison is
 * tried in place; a copy is left to the run's second staged pass). The first failure stops the others.
 */
final class DeltaPhase {

    /** A delta's end: the collection's result, or the full copy it falls back to. */
    record Outcome(CollectionPlan plan, CollectionResult result, MethodChoice copyChoice) {
    }

    private final DeltaApplier deltas;
    private final SyncMode mode;
    private final ClusterClock.Now startedAt;
    private final BooleanSupplier lockStillHeld;

    DeltaPhase(DeltaApplier deltas, SyncMode mode, ClusterClock.Now startedAt, BooleanSupplier lockStillHeld) {
        this.deltas = deltas;
        this.mode = mode;
        this.startedAt = startedAt;
        this.lockStillHeld = lockStillHeld;
    }

    List<Outcome> applyAll(List<CollectionPlan> plans, Map<String, MethodChoice> choices, SyncSettings settings)
            throws InterruptedException {
        return CollectionFanOut.run(plans, settings.parallelCollections(), "dbsync-delta", StagedCopy.stopBound(settings),
                plan -> applyOne(plan, choices.get(plan.name())), outcome -> { });
    }

    private Outcome applyOne(CollectionPlan plan, MethodChoice choice) throws InterruptedException {
        MethodChoice current = choice;
        // At most two attempts: a stream, then the content comparison it may fall back to.
        for (int attempt = 0; attempt < 2 && !current.method().equals(CollectionResult.COPY); attempt++) {
            SyncRun.requireLock(lockStillHeld, "before applying a delta to '" + plan.name() + "'");
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
                return new Outcome(plan, applied.result(), null);
            }
            current = applied.nextChoice();
        }
        return new Outcome(plan, null, current.method().equals(CollectionResult.COPY) ? current
                : new MethodChoice(CollectionResult.COPY, current.reason(), null));
    }
}
