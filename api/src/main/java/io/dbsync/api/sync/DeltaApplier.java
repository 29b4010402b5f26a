package io.dbsync.api.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncMode;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.config.VerifyMode;
import io.dbsync.api.runs.StandbyLedger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one collection's delta in place — from its change stream or by comparing contents —
 * then reconciles its indexes and verifies it; or says which method to fall back to.
 */
final class DeltaApplier {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaApplier.class);

    /** Either the collection's result, or the method it must fall back to (result null). */
    record Applied(CollectionResult result, MethodChoice nextChoice) {
        static Applied done(CollectionResult result) {
            return new Applied(result, null);
        }

        static Applied fallBackTo(MethodChoice choice) {
            return new Applied(null, choice);
        }
    }

    private final MongoDatabase source;
    private final MongoDatabase target;
    private final SyncSettings settings;
    private final RunProgress progress;
    private final StandbyLedger ledger;
    private final String runId;

    DeltaApplier(MongoDatabase source, MongoDatabase target, SyncSettings settings, RunProgress progress,
                 StandbyLedger ledger, String runId) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.progress = progress;
        this.ledger = ledger;
        this.runId = runId;
    }

    Applied apply(CollectionPlan plan, MethodChoice choice, SyncMode mode, ClusterClock.Now runStart)
            throws InterruptedException {
        progress.copying(plan);
        try {
            return choice.method().equals(CollectionResult.STREAM) ? stream(plan, choice, mode, runStart)
                    : digest(plan, choice);
        } catch (UniqueIndexConflict e) {
            // Replayed, the same writes would fail the same way: copied in full instead, through
            // staging, where no intermediate state exists.
            ledger.forget(plan.name());
            LOG.warn("event=delta.unique_conflict collection={} reason=\"{}\"", plan.name(), e.getMessage());
            return Applied.fallBackTo(new MethodChoice(CollectionResult.COPY,
                    "a unique index refused a delta write; copied in full instead", null));
        }
    }

    private Applied stream(CollectionPlan plan, MethodChoice choice, SyncMode mode, ClusterClock.Now runStart) {
        long started = System.nanoTime();
        MongoCollection<RawBsonDocument> from = source.getCollection(plan.name(), RawBsonDocument.class);
        MongoCollection<RawBsonDocument> to = target.getCollection(plan.name(), RawBsonDocument.class);
        StreamDelta delta = new StreamDelta(settings.batchDocuments(), settings.batchBytes(), progress);
        AtomicReference<StreamPosition> reached = new AtomicReference<>(choice.position());
        StreamDelta.PositionSink sink = position -> {
            ledger.save(plan.name(), position.toJson(), runId);
            reached.set(position);
        };
        IndexReconciler.dropStale(from, target, plan.name());
        StreamDelta.Result total = StreamDelta.Result.NONE;
        BsonTimestamp ceiling = runStart.ceiling();
        List<BsonDocument> indexes;
        for (int pass = 1; ; pass++) {
            StreamDelta.Result applied;
            try {
                applied = delta.apply(plan.name(), from, to, reached.get(), ceiling, sink);
            } catch (StreamDelta.Unresumable e) {
                LOG.warn("event=delta.stream_unusable collection={} reason=\"{}\"", plan.name(), e.getMessage());
                return Applied.fallBackTo(MethodChoice.fallback(mode, plan, "its change stream could not resume ("
                        + FailureMessages.describe(e.getCause()) + ")"));
            }
            total = total.plus(applied);
            if (applied.restartReason() != null) {
                ledger.forget(plan.name());
                return Applied.fallBackTo(new MethodChoice(CollectionResult.COPY, applied.restartReason()
                        + "; copied in full instead", null));
            }
            indexes = IndexReconciler.reconcile(from, target, plan.name());
            Optional<String> mismatch = mismatch(plan.name(), from, to, indexes);
            if (mismatch.isEmpty()) {
                break;
            }
            if (pass == 2) {
                throw new VerificationException(mismatch.get());
            }
            // Writes on the source during the run are the likely cause: catch up to the present once more, then judge.
            ceiling = null;
        }
        LOG.info("event=delta.applied collection={} method=stream events={} upserts={} deletes={}", plan.name(),
                total.events(), total.upserts(), total.deletes());
        return Applied.done(new CollectionResult(plan.name(), plan.kind().json(), CollectionResult.STREAM, choice.reason(),
                total.upserts(), total.deletes(), total.bytes(), indexes.size(), elapsedMs(started), true,
                settings.verify().json()));
    }

    private Applied digest(CollectionPlan plan, MethodChoice choice) throws InterruptedException {
        long started = System.nanoTime();
        MongoCollection<RawBsonDocument> from = source.getCollection(plan.name(), RawBsonDocument.class);
        MongoCollection<RawBsonDocument> to = target.getCollection(plan.name(), RawBsonDocument.class);
        // Taken before the scan, so the next run can replay from here by change stream if the source has one.
        Optional<StreamPosition> next = ChangeStreams.positionBeforeCopy(from, ClusterClock.now(source));
        DigestDelta.Result applied;
        IndexReconciler.dropStale(from, target, plan.name());
        try {
            applied = new DigestDelta(settings.batchDocuments(), settings.batchBytes(), settings.maxCursorResumes(), progress)
                    .apply(plan, from, to);
        } catch (DigestDelta.OrderMismatch e) {
            // Deletes may already have been applied on a wrong order: until the copy is swapped in,
            // this collection is no complete copy, and the next run must copy it if this one fails.
            ledger.forget(plan.name());
            LOG.warn("event=delta.digest_unusable collection={} reason=\"{}\"", plan.name(), e.getMessage());
            return Applied.fallBackTo(new MethodChoice(CollectionResult.COPY, "its contents could not be compared ("
                    + e.getMessage() + "); copied in full instead", null));
        }
        List<BsonDocument> indexes = IndexReconciler.reconcile(from, target, plan.name());
        // The standby must now hold exactly the documents scanned: the same count and, with digest, the same bytes.
        // (Counts from collection metadata: a scan per count would cost as much as the delta.)
        long counted = to.estimatedDocumentCount();
        if (counted != applied.scanned()) {
            throw new VerificationException("collection '" + plan.name() + "' did not verify after the delta: the source"
                    + " scan read " + applied.scanned() + " documents, the standby holds " + counted);
        }
        indexMismatch(plan.name(), indexes, to).ifPresent(message -> {
            throw new VerificationException(message);
        });
        if (settings.verify() == VerifyMode.DIGEST) {
            Verification.checkDigest(plan.name(), applied.digest(), ContentDigest.of(to, settings.batchDocuments()));
        }
        ledger.save(plan.name(), next.map(StreamPosition::toJson).orElse(null), runId);
        LOG.info("event=delta.applied collection={} method=digest scanned={} unchanged={} upserts={} deletes={}",
                plan.name(), applied.scanned(), applied.unchanged(), applied.upserts(), applied.deletes());
        return Applied.done(new CollectionResult(plan.name(), plan.kind().json(), CollectionResult.DIGEST, choice.reason(),
                applied.upserts(), applied.deletes(), applied.bytes(), indexes.size(), elapsedMs(started), true,
                settings.verify().json()));
    }

    /**
     * Why the standby collection is not yet the source's after a stream delta, or empty: counts
     * (from collection metadata: a counting scan would cost as much as the delta), index specs, and
     * with {@code digest} the content digests.
     */
    private Optional<String> mismatch(String collection, MongoCollection<RawBsonDocument> from,
                                      MongoCollection<RawBsonDocument> to, List<BsonDocument> indexes) {
        long sourceCount = from.estimatedDocumentCount();
        long standbyCount = to.estimatedDocumentCount();
        if (sourceCount != standbyCount) {
            return Optional.of("collection '" + collection + "' did not verify after the delta: the source holds "
                    + sourceCount + " documents, the standby " + standbyCount + " (the source may be changing faster than"
                    + " runs catch up; the next run continues from the saved position)");
        }
        Optional<String> indexDifferences = indexMismatch(collection, indexes, to);
        if (indexDifferences.isPresent() || settings.verify() != VerifyMode.DIGEST) {
            return indexDifferences;
        }
        String sourceDigest = ContentDigest.of(from, settings.batchDocuments());
        String standbyDigest = ContentDigest.of(to, settings.batchDocuments());
        return sourceDigest.equals(standbyDigest) ? Optional.empty()
                : Optional.of("collection '" + collection + "' did not verify after the delta: its content digest ("
                        + standbyDigest.substring(0, 12) + "…) differs from the source's (" + sourceDigest.substring(0, 12) + "…)");
    }

    private static Optional<String> indexMismatch(String collection, List<BsonDocument> indexes,
                                                  MongoCollection<RawBsonDocument> to) {
        List<String> differences = IndexSpecs.differences(indexes, IndexSpecs.read(to));
        return differences.isEmpty() ? Optional.empty()
                : Optional.of("collection '" + collection + "' did not verify: " + String.join("; ", differences));
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
