package io.dbsync.api.sync.delta;

import com.mongodb.client.MongoCollection;
import io.dbsync.api.config.VerifyMode;
import io.dbsync.api.sync.mongo.ChangeStreams;
import io.dbsync.api.sync.mongo.ClusterClock;
import io.dbsync.api.sync.mongo.ContentDigest;
import io.dbsync.api.sync.mongo.IndexReconciler;
import io.dbsync.api.sync.mongo.IndexSpecs;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.mongo.Verification;
import io.dbsync.api.sync.plan.CollectionTask;
import io.dbsync.api.sync.plan.StreamPosition;
import io.dbsync.api.sync.plan.TaskFigures;
import io.dbsync.api.sync.plan.TaskOutcome;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A content-comparison delta of one collection ({@link CompareDelta}), then its indexes and its
 * verification: the standby must hold exactly the documents scanned — the same count and, with
 * {@code digest}, the same bytes.
 */
final class CompareApplier {
    private static final Logger LOG = LoggerFactory.getLogger(CompareApplier.class);

    private final RunContext run;

    CompareApplier(RunContext run) {
        this.run = run;
    }

    TaskOutcome apply(CollectionTask task) throws InterruptedException {
        long started = System.nanoTime();
        String name = task.name();
        MongoCollection<RawBsonDocument> from = run.source().getCollection(name, RawBsonDocument.class);
        MongoCollection<RawBsonDocument> to = run.target().getCollection(name, RawBsonDocument.class);
        // Taken before the scan, so the next run can replay from here by change stream if the source has one.
        Optional<StreamPosition> next = ChangeStreams.positionBeforeCopy(from, ClusterClock.now(run.source()));
        IndexReconciler indexReconciler = IndexReconciler.dropStale(from, run.target(), name);
        CompareDelta.Result applied;
        try {
            applied = new CompareDelta(run.batchLimits(), run.settings().maxCursorResumes(), run.progress())
                    .apply(task.plan(), from, to);
        } catch (CompareDelta.OrderMismatch e) {
            // Deletes may already have been applied on a wrong order: until the copy is swapped in,
            // this collection is no complete copy, and the next run must copy it if this one fails.
            run.ledger().forget(name);
            LOG.warn("event=delta.digest_unusable collection={} reason=\"{}\"", name, e.getMessage());
            return new TaskOutcome.NeedsCopy(task.copyInstead("its contents could not be compared (" + e.getMessage() + ")"));
        }
        List<BsonDocument> indexes = indexReconciler.createMissing();
        // Counts from collection metadata: a scan per count would cost as much as the delta.
        Verification.require(
                Verification.deltaCounts(name, "the source scan read", applied.scanned(), to.estimatedDocumentCount()),
                Verification.indexes(name, indexes, indexReconciler.standbyIndexes()));
        String standbyDigest = null;
        if (run.settings().verify() == VerifyMode.DIGEST) {
            standbyDigest = ContentDigest.of(to, run.settings().batchDocuments(), run.progress()::standbyRead);
            Verification.require(Verification.digests(name, "the standby collection", applied.digest(), standbyDigest));
        }
        run.ledger().save(name, next.map(StreamPosition::toJson).orElse(null), run.runId());
        LOG.info("event=delta.applied collection={} method=digest scanned={} unchanged={} upserts={} deletes={}",
                name, applied.scanned(), applied.unchanged(), applied.upserts(), applied.deletes());
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new TaskOutcome.Done(task, new TaskFigures(applied.upserts(), applied.deletes(), applied.bytes(),
                indexes.size(), durationMs, run.settings().verify(), standbyDigest, List.of()));
    }
}
