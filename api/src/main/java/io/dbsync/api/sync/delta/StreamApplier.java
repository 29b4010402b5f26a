package io.dbsync.api.sync.delta;

import com.mongodb.client.MongoCollection;
import io.dbsync.api.config.SyncMode;
import io.dbsync.api.config.VerifyMode;
import io.dbsync.api.sync.mongo.ClusterClock;
import io.dbsync.api.sync.mongo.ContentDigest;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.mongo.IndexReconciler;
import io.dbsync.api.sync.mongo.ParallelReads;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.mongo.Verification;
import io.dbsync.api.sync.plan.CollectionTask;
import io.dbsync.api.sync.plan.StreamPosition;
import io.dbsync.api.sync.plan.TaskFigures;
import io.dbsync.api.sync.plan.TaskOutcome;
import io.dbsync.api.sync.plan.VerificationException;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A change-stream delta of one collection: drains its stream from the stored position up to the
 * run's start, saving each position reached, then reconciles indexes and verifies. When the
 * standby does not verify, writes on the source during the run are the likely cause: it catches up
 * to the present once more, then judges.
 */
final class StreamApplier {
    private static final Logger LOG = LoggerFactory.getLogger(StreamApplier.class);

    private final RunContext run;
    private final SyncMode mode;
    private final ClusterClock.Now runStart;
    private final DeltaPhase.Fallback fallback;

    /** A verification's answer: what is wrong (empty: nothing), and the standby's digest when it was computed. */
    private record Check(Optional<String> problem, String standbyDigest) {
    }

    StreamApplier(RunContext run, SyncMode mode, ClusterClock.Now runStart, DeltaPhase.Fallback fallback) {
        this.run = run;
        this.mode = mode;
        this.runStart = runStart;
        this.fallback = fallback;
    }

    TaskOutcome apply(CollectionTask task) throws InterruptedException {
        long started = System.nanoTime();
        String name = task.name();
        MongoCollection<RawBsonDocument> from = run.source().getCollection(name, RawBsonDocument.class);
        MongoCollection<RawBsonDocument> to = run.target().getCollection(name, RawBsonDocument.class);
        StreamDelta delta = new StreamDelta(run.batchLimits(), run.progress());
        AtomicReference<StreamPosition> reached = new AtomicReference<>(task.position());
        StreamDelta.PositionSink sink = position -> {
            run.ledger().save(name, position.toJson(), run.runId());
            reached.set(position);
        };
        IndexReconciler indexReconciler = IndexReconciler.dropStale(from, run.target(), name);
        StreamDelta.Result total = StreamDelta.Result.NONE;
        BsonTimestamp ceiling = runStart.ceiling();
        List<BsonDocument> indexes;
        Check check;
        for (int pass = 1; ; pass++) {
            StreamDelta.Result applied;
            try {
                applied = delta.apply(name, from, to, reached.get(), ceiling, sink);
            } catch (StreamDelta.Unresumable e) {
                LOG.warn("event=delta.stream_unusable collection={} reason=\"{}\"", name, e.getMessage());
                return fallback.apply(task.streamUnusable(mode, "its change stream could not resume ("
                        + FailureMessages.describe(e.getCause()) + ")"));
            }
            total = total.plus(applied);
            if (applied.restartReason() != null) {
                run.ledger().forget(name);
                return new TaskOutcome.NeedsCopy(task.copyInstead(applied.restartReason()));
            }
            indexes = indexReconciler.createMissing();
            check = verify(name, from, to, indexes, indexReconciler);
            if (check.problem().isEmpty()) {
                break;
            }
            if (pass == 2) {
                throw new VerificationException(check.problem().get());
            }
            ceiling = null;
        }
        LOG.info("event=delta.applied collection={} method=stream events={} upserts={} deletes={}", name,
                total.events(), total.upserts(), total.deletes());
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new TaskOutcome.Done(task, new TaskFigures(total.upserts(), total.deletes(), total.bytes(), indexes.size(),
                durationMs, run.settings().verify(), check.standbyDigest(), List.of()));
    }

    /**
     * Why the standby collection is not yet the source's, or empty: counts (from collection metadata:
     * a counting scan would cost as much as the delta), index specs, and with {@code digest} the
     * content digests.
     */
    private Check verify(String name, MongoCollection<RawBsonDocument> from, MongoCollection<RawBsonDocument> to,
                         List<BsonDocument> indexes, IndexReconciler indexReconciler) {
        ParallelReads.Both<Long, Long> counted = ParallelReads.both(from::estimatedDocumentCount, to::estimatedDocumentCount);
        Optional<String> counts = Verification.deltaCounts(name, "the source holds", counted.first(), counted.second())
                .map(problem -> problem + " (the source may be changing faster than runs catch up; the next run"
                        + " continues from the saved position)");
        if (counts.isPresent()) {
            return new Check(counts, null);
        }
        Optional<String> indexDifferences = Verification.indexes(name, indexes, indexReconciler.standbyIndexes());
        if (indexDifferences.isPresent() || run.settings().verify() != VerifyMode.DIGEST) {
            return new Check(indexDifferences, null);
        }
        int batch = run.settings().batchDocuments();
        String standbyDigest = ContentDigest.of(to, batch, run.progress()::standbyRead);
        String sourceDigest = ContentDigest.of(from, batch, run.progress()::sourceRead);
        return new Check(Verification.digests(name, "the standby collection", sourceDigest, standbyDigest),
                standbyDigest);
    }
}
