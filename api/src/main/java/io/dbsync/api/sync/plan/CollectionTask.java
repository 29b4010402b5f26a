package io.dbsync.api.sync.plan;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.store.StandbyLedger;
import java.util.Optional;

/**
 * One collection's work in a run, after mongorestore's intents: what the source holds, how it is
 * brought up to date, why (when the run's mode alone does not say it), and where a stream delta
 * starts. It flows from planning to reporting; a fallback is a new task for the same collection.
 *
 * @param reason   why this method, when it is a fallback or an exception to the mode; else null
 * @param position where a {@link Method#STREAM} delta starts; null for every other method
 */
public record CollectionTask(CollectionPlan plan, Method method, String reason, StreamPosition position) {

    /** Above this many documents, {@code auto} answers lost stream history with a comparison, not a copy. */
    public static final long AUTO_COMPARE_MIN_DOCUMENTS = 10_000;

    public CollectionTask {
        if ((method == Method.STREAM) != (position != null)) {
            throw new IllegalArgumentException("a stream task, and only a stream task, has a start position");
        }
    }

    public String name() {
        return plan.name();
    }

    public static CollectionTask copy(CollectionPlan plan, String reason) {
        return new CollectionTask(plan, Method.COPY, reason, null);
    }

    public static CollectionTask view(CollectionPlan plan) {
        return new CollectionTask(plan, Method.VIEW, null, null);
    }

    /**
     * The task for {@code plan} under {@code mode}. A delta needs a complete copy made by dbsync on
     * the standby (a ledger entry, and the collection present there); a stream delta also needs the
     * position that copy recorded.
     */
    public static CollectionTask choose(SyncMode mode, CollectionPlan plan, Optional<StandbyLedger.Entry> entry,
                                        boolean onStandby) {
        if (plan.kind() == CollectionKind.VIEW) {
            return view(plan);
        }
        if (mode == SyncMode.FULL) {
            return copy(plan, null);
        }
        if (plan.kind() == CollectionKind.TIMESERIES || plan.isCapped()) {
            // In-place writes cannot keep a capped collection's order, nor delete from it; time-series have no stream.
            return copy(plan, "capped and time-series collections are always copied in full");
        }
        if (entry.isEmpty()) {
            return copy(plan, "no complete copy made by dbsync on the standby yet");
        }
        if (!onStandby) {
            return copy(plan, "the collection is missing on the standby");
        }
        if (entry.get().position() == null) {
            return new CollectionTask(plan, Method.COMPARE, "the source offered no change stream when it was last copied",
                    null);
        }
        try {
            return new CollectionTask(plan, Method.STREAM, null, StreamPosition.parse(entry.get().position()));
        } catch (IllegalArgumentException e) {
            return copy(plan, null).streamUnusable(mode, "its stored stream position is unreadable");
        }
    }

    /**
     * After this task's stream could not be used (history lost, token refused, collection dropped or
     * renamed): a full copy — or, under {@code auto}, a comparison for a large collection, which
     * writes only what differs.
     */
    public CollectionTask streamUnusable(SyncMode mode, String why) {
        if (mode == SyncMode.AUTO && plan.estimatedDocuments() >= AUTO_COMPARE_MIN_DOCUMENTS) {
            return new CollectionTask(plan, Method.COMPARE, why + "; compared contents instead", null);
        }
        return copyInstead(why);
    }

    /**
     * A full copy straight into place: the collection is {@code where} (absent or empty on the
     * standby), so there is nothing to protect by staging. The copy's own reason, if any, is kept.
     */
    public CollectionTask direct(String where) {
        String because = "copied straight into place: " + where;
        return new CollectionTask(plan, Method.DIRECT, reason == null ? because : reason + "; " + because, null);
    }

    /** A full copy of the same collection, because of {@code why}. */
    public CollectionTask copyInstead(String why) {
        return copy(plan, why + "; copied in full instead");
    }
}
