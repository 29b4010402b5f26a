package io.dbsync.api.sync;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.store.StandbyLedger;
import io.dbsync.api.sync.guard.Divergence;
import io.dbsync.api.sync.mongo.StandbyInventory;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.CollectionTask;
import io.dbsync.api.sync.plan.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One task per collection for this run: the mode's method ({@link CollectionTask#choose}), then two
 * adjustments only the run can make — a full copy of a collection absent or empty on the standby
 * goes straight into place, and a collection that took foreign writes and is overwritten on purpose
 * ({@code force=true}) is copied in full (a delta applies the source's changes, not the undoing of
 * someone else's).
 */
final class TaskChooser {
    private TaskChooser() {
    }

    static List<CollectionTask> tasks(List<CollectionPlan> plans, SyncMode mode, Map<String, StandbyLedger.Entry> entries,
                                      StandbyInventory standby, Divergence divergence) {
        return plans.stream().map(plan -> {
            CollectionTask task = CollectionTask.choose(mode, plan, Optional.ofNullable(entries.get(plan.name())),
                    standby.names().contains(plan.name()));
            boolean overwritten = divergence.forced() && task.method().isInPlace()
                    && divergence.collections().stream().anyMatch(change -> change.name().equals(plan.name()));
            if (overwritten) {
                task = task.copyInstead("the standby took writes dbsync did not make; force=true overwrites them");
            }
            if (task.method() == Method.COPY && !standby.names().contains(plan.name())) {
                return task.direct("absent on the standby");
            }
            if (task.method() == Method.COPY && standby.documents().getOrDefault(plan.name(), -1L) == 0) {
                return task.direct("empty on the standby");
            }
            return task;
        }).toList();
    }
}
