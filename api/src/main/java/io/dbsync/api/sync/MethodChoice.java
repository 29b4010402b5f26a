package io.dbsync.api.sync;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.runs.StandbyLedger;

/**
 * How one collection is brought up to date in a run, and why: the per-collection half of the
 * run's mode. A delta needs a complete copy made by dbsync on the standby (a ledger entry and
 * the collection present); a change-stream delta also needs the position that copy recorded.
 *
 * @param method      {@link CollectionResult#COPY}, {@link CollectionResult#STREAM} or {@link CollectionResult#DIGEST}
 * @param reason      why, when it is not simply what the mode asks for; null otherwise
 * @param position    where a stream delta starts (only for STREAM)
 */
record MethodChoice(String method, String reason, StreamPosition position) {

    /** Above this many documents, {@code auto} answers lost stream history with a content comparison, not a copy. */
    static final long AUTO_DIGEST_MIN_DOCUMENTS = 10_000;

    static MethodChoice choose(SyncMode mode, CollectionPlan plan, StandbyLedger.Entry entry, boolean onStandby) {
        if (mode == SyncMode.FULL) {
            return new MethodChoice(CollectionResult.COPY, null, null);
        }
        if (plan.kind() == CollectionKind.TIMESERIES || plan.isCapped()) {
            // In-place writes cannot keep a capped collection's order, nor delete from it; time-series have no stream.
            return new MethodChoice(CollectionResult.COPY, "capped and time-series collections are always copied in full", null);
        }
        if (entry == null) {
            return new MethodChoice(CollectionResult.COPY, "no complete copy made by dbsync on the standby yet", null);
        }
        if (!onStandby) {
            return new MethodChoice(CollectionResult.COPY, "the collection is missing on the standby", null);
        }
        if (entry.position() == null) {
            return new MethodChoice(CollectionResult.DIGEST, "the source offered no change stream when it was last copied", null);
        }
        try {
            return new MethodChoice(CollectionResult.STREAM, null, StreamPosition.parse(entry.position()));
        } catch (IllegalArgumentException e) {
            return fallback(mode, plan, "its stored stream position is unreadable");
        }
    }

    /**
     * After the stream could not be used (history lost, token refused, collection dropped or renamed):
     * a full copy — or, under {@code auto}, a content comparison for a large collection, which writes
     * only what differs.
     */
    static MethodChoice fallback(SyncMode mode, CollectionPlan plan, String why) {
        if (mode == SyncMode.AUTO && plan.estimatedDocuments() >= AUTO_DIGEST_MIN_DOCUMENTS) {
            return new MethodChoice(CollectionResult.DIGEST, why + "; compared contents instead", null);
        }
        return new MethodChoice(CollectionResult.COPY, why + "; copied in full instead", null);
    }
}
