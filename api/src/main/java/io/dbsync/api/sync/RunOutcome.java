package io.dbsync.api.sync;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.sync.guard.Divergence;
import io.dbsync.api.sync.plan.StoragePlan;
import java.util.List;

/**
 * What a completed run produced.
 *
 * @param mode       {@link SyncMode#FULL} when every collection was copied and swapped in, else {@link SyncMode#DELTA}
 * @param modeReason why, and which collections fell back to another method
 * @param divergence what the check for foreign writes on the standby found
 * @param storage    how the run fit the standby's storage
 */
record RunOutcome(SyncMode mode, String modeReason, List<CollectionResult> collections, List<String> keptOnTarget,
                  List<String> droppedOnTarget, Divergence divergence, StoragePlan storage) {
}
