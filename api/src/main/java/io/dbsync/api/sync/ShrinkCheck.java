package io.dbsync.api.sync;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.mongo.StandbyInventory;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.DeletionGuard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deletion guard as one run applies it: against the standby as it is at the moment of the
 * check, counting a collection {@code dropMissing} would drop as shrunk to nothing, and skipped
 * when the run is forced.
 */
final class ShrinkCheck {
    private final RunOptions options;
    private final List<CollectionPlan> everything;
    private final MongoDatabase target;
    private final DeletionGuard guard;

    /** @param everything every collection on the source, whatever the filters */
    ShrinkCheck(RunOptions options, List<CollectionPlan> everything, MongoDatabase target) {
        this.options = options;
        this.everything = everything;
        this.target = target;
        this.guard = new DeletionGuard(options.maxShrinkPercent());
    }

    /** Throws {@link RunRefusedException} when {@code sourceCounts} would shrink the standby, read now, too far. */
    void check(Map<String, Long> sourceCounts) {
        if (!options.force()) {
            check(sourceCounts, StandbyInventory.read(target));
        }
    }

    /** The same against {@code standby} as the caller just read it. */
    void check(Map<String, Long> sourceCounts, StandbyInventory standby) {
        if (options.force()) {
            return;
        }
        Map<String, Long> counts = new LinkedHashMap<>(sourceCounts);
        if (options.dropMissing()) {
            standby.missingFrom(everything).forEach(name -> counts.putIfAbsent(name, 0L));
        }
        Optional<String> refusal = guard.refusal(!everything.isEmpty(), counts, standby.documents());
        if (refusal.isPresent()) {
            throw new RunRefusedException(Refusal.DELETION_GUARD, refusal.get());
        }
    }
}
