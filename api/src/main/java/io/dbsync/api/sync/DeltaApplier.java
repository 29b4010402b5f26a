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
import org.bson.BsonDocument;
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
        return choice.method().equals(CollectionResult.STREAM) ? stream(plan, choice, mode, runStart) : digest(plan, choice);
    }

    private Applied stream(CollectionPlan plan, MethodChoice choice, SyncMode mode, ClusterClock.Now runStart) {
        long started = System.nanoTime();
        MongoCollection<RawBsonDocument> from = source.getCollection(plan.name(), RawBsonDocument.class);
        MongoCollection<RawBsonDocument> to = target.getCollection(plan.name(), RawBsonDocument.class);
        StreamDelta delta = new StreamDelta(settings.batchDocuments(), settings.batchBytes(), progress);
        StreamDelta.PositionSink sink = position -> ledger.save(plan.name(), position.toJson(), runId);
        StreamDelta.Result applied;
        IndexReconciler.dropStale(from, target, plan.name());
        try {
            applied = delta.apply(plan.name(), from, to, choice.position(), runStart.ceiling(), sink);
        } catch (SyncFailedException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            return uniqueConflict(plan, e);
        } catch (StreamDelta.Unresumable e) {
            LOG.warn("event=delta.stream_unusable collection={} reason=\"{}\"", plan.name(), e.getMessage());
            return Applied.fallBackTo(MethodChoice.fallback(mode, plan, "its change stream could not resume ("
                    + FailureMessages.describe(e.getCause()) + ")"));
        }
        if (applied.restartReason() != null) {
            ledger.forget(plan.name());
            return Applied.fallBackTo(new MethodChoice(CollectionResult.COPY, applied.restartReason()
                    + "; copied in full instead", null));
        }
        List<BsonDocument> indexes = IndexReconciler.reconcile(from, target, plan.name());
        long upserts = applied.upserts();
        long deletes = applied.deletes();
        long bytes = applied.bytes();
        if (!converged(from, to, indexes)) {
            // Writes on the source during the run are the likely cause: catch up once more, then judge.
            StreamDelta.Result more;
            try {
                more = delta.apply(plan.name(), from, to, currentPosition(plan), null, sink);
            } catch (StreamDelta.Unresumable e) {
                return Applied.fallBackTo(MethodChoice.fallback(mode, plan, "its change stream could not continue ("
                        + FailureMessages.describe(e.getCause()) + ")"));
            } catch (SyncFailedException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                return uniqueConflict(plan, e);
            }
            upserts += more.upserts();
            deletes += more.deletes();
            bytes += more.bytes();
            if (more.restartReason() != null) {
                ledger.forget(plan.name());
                return Applied.fallBackTo(new MethodChoice(CollectionResult.COPY, more.restartReason()
                        + "; copied in full instead", null));
            }
            requireConverged(plan.name(), from, to, indexes);
        }
        LOG.info("event=delta.applied collection={} method=stream events={} upserts={} deletes={}", plan.name(),
                applied.events(), upserts, deletes);
        return Applied.done(new CollectionResult(plan.name(), plan.kind().json(), CollectionResult.STREAM, choice.reason(),
                upserts, deletes, bytes, indexes.size(), elapsedMs(started), true, settings.verify().json()));
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
        } catch (SyncFailedException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            return uniqueConflict(plan, e);
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
        requireSameIndexes(plan.name(), indexes, to);
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
     * A unique secondary index refused a delta write (two documents traded a unique value, or one
     * took over a deleted one's): replayed, the same writes would fail the same way, so the
     * collection is copied in full instead, through staging, where no intermediate state exists.
     */
    private Applied uniqueConflict(CollectionPlan plan, SyncFailedException e) {
        ledger.forget(plan.name());
        LOG.warn("event=delta.unique_conflict collection={} reason=\"{}\"", plan.name(), e.getMessage());
        return Applied.fallBackTo(new MethodChoice(CollectionResult.COPY,
                "a unique index refused a delta write; copied in full instead", null));
    }

    /** Duplicate key (E11000) from a single or bulk write, anywhere in the cause chain. */
    static boolean isDuplicateKey(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof com.mongodb.MongoBulkWriteException bulk
                    && bulk.getWriteErrors().stream().anyMatch(write -> write.getCode() == 11000)) {
                return true;
            }
            if (cause instanceof com.mongodb.MongoWriteException write && write.getError().getCode() == 11000) {
                return true;
            }
            if (cause instanceof com.mongodb.MongoCommandException command && command.getErrorCode() == 11000) {
                return true;
            }
        }
        return false;
    }

    /** The position the ledger holds now (saved by the drain just done). */
    private StreamPosition currentPosition(CollectionPlan plan) {
        StandbyLedger.Entry entry = ledger.entries().get(plan.name());
        if (entry == null || entry.position() == null) {
            throw new SyncFailedException("the stream position of '" + plan.name() + "' vanished from the ledger mid-run");
        }
        return StreamPosition.parse(entry.position());
    }

    private boolean converged(MongoCollection<RawBsonDocument> from, MongoCollection<RawBsonDocument> to,
                              List<BsonDocument> indexes) {
        if (from.estimatedDocumentCount() != to.estimatedDocumentCount() || !IndexSpecs.differences(indexes, IndexSpecs.read(to)).isEmpty()) {
            return false;
        }
        return settings.verify() != VerifyMode.DIGEST
                || ContentDigest.of(from, settings.batchDocuments()).equals(ContentDigest.of(to, settings.batchDocuments()));
    }

    private void requireConverged(String collection, MongoCollection<RawBsonDocument> from,
                                  MongoCollection<RawBsonDocument> to, List<BsonDocument> indexes) {
        long sourceCount = from.estimatedDocumentCount();
        long standbyCount = to.estimatedDocumentCount();
        if (sourceCount != standbyCount) {
            throw new VerificationException("collection '" + collection + "' did not verify after the delta: the source"
                    + " holds " + sourceCount + " documents, the standby " + standbyCount + " (the source may be changing"
                    + " faster than runs catch up; the next run continues from the saved position)");
        }
        requireSameIndexes(collection, indexes, to);
        if (settings.verify() == VerifyMode.DIGEST) {
            Verification.checkDigest(collection, ContentDigest.of(from, settings.batchDocuments()),
                    ContentDigest.of(to, settings.batchDocuments()));
        }
    }

    private static void requireSameIndexes(String collection, List<BsonDocument> indexes, MongoCollection<RawBsonDocument> to) {
        List<String> differences = IndexSpecs.differences(indexes, IndexSpecs.read(to));
        if (!differences.isEmpty()) {
            throw new VerificationException("collection '" + collection + "' did not verify: " + String.join("; ", differences));
        }
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
