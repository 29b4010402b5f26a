package io.dbsync.api.sync;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.mongo.Batcher;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.DocumentTap;
import io.dbsync.api.sync.snapshot.RestorePoint;
import io.dbsync.api.sync.snapshot.RestorePointCatalog;
import io.dbsync.api.sync.snapshot.RestorePointPolicy;
import io.dbsync.api.sync.snapshot.RetentionReport;
import io.dbsync.api.sync.snapshot.RunArchive;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's restore point, when one is due: begun before the run writes (its full copies feed it as
 * they read the source), completed once the run has converged (what no copy read comes from the
 * standby, which then equals the source as of the run — the primary is the server to spare, and
 * reads there are the application's), then retention. It never fails the run: whatever happens is
 * reported through {@code report}, logged and counted.
 */
final class RestorePointStep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestorePointStep.class);

    private final RestorePointPolicy policy;
    private final RunContext run;
    private final RunArchive archive;
    private final Consumer<SnapshotReport> report;
    private final long startedNanos = System.nanoTime();
    private boolean finished;

    private RestorePointStep(RestorePointPolicy policy, RunContext run, RunArchive archive, Consumer<SnapshotReport> report) {
        this.policy = policy;
        this.run = run;
        this.archive = archive;
        this.report = report;
    }

    /**
     * Begins the restore point if one is due for this run; otherwise reports why not (nothing at all
     * when restore points are off) and returns a step that does nothing.
     */
    static RestorePointStep begin(Optional<RestorePointPolicy> configured, RunContext run, RunOptions options,
                                  List<CollectionPlan> plans, Clock clock, Consumer<SnapshotReport> report) {
        if (configured.isEmpty() || !configured.get().schedule().enabled()) {
            return new RestorePointStep(null, run, null, report);
        }
        RestorePointPolicy policy = configured.get();
        if (!options.configuredCollections()) {
            report.accept(SnapshotReport.skipped("the run was asked for some collections only; a restore point holds"
                    + " every collection"));
            return new RestorePointStep(null, run, null, report);
        }
        String id = null;
        try {
            RestorePointCatalog catalog = policy.points().list();
            Optional<Instant> newest = catalog.newest().map(RestorePoint::createdAt);
            if (!policy.schedule().isDue(newest, clock.instant())) {
                report.accept(SnapshotReport.skipped("not due: the newest restore point is from " + newest.orElseThrow()
                        + " and SNAPSHOT_EVERY is " + policy.schedule().interval().orElseThrow()));
                return new RestorePointStep(null, run, null, report);
            }
            RunArchive archive = RunArchive.begin(policy.points(), run.runId(), policy.sourceIdentity(),
                    ArchivePrelude.header(run.source(), run.settings().parallelCollections()),
                    ArchivePrelude.namespaces(run.source(), plans), policy.compression());
            id = archive.id();
            LOG.info("event=restore_point.started runId={} id={} store={}", run.runId(), id, policy.points().location());
            return new RestorePointStep(policy, run, archive, report);
        } catch (IOException | RuntimeException e) {
            RestorePointStep none = new RestorePointStep(null, run, null, report);
            none.fail(id, "it could not be started: " + FailureMessages.describe(e));
            return none;
        }
    }

    /** Whether a restore point is being written (then {@link #complete} has work to do). */
    boolean active() {
        return archive != null;
    }

    /** What the run's full copies hand their documents to. */
    DocumentTap tap() {
        if (archive == null) {
            return DocumentTap.NONE;
        }
        return new DocumentTap() {
            @Override
            public void read(String collection, List<RawBsonDocument> batch) throws InterruptedException {
                archive.read(collection, batch);
            }

            @Override
            public void copied(String collection) throws InterruptedException {
                archive.copied(collection);
            }
        };
    }

    /** The run converged: completes the restore point from the standby, then applies retention. */
    void complete() throws InterruptedException {
        if (archive == null) {
            return;
        }
        RestorePoint point;
        try {
            point = archive.complete(this::readStandby);
        } catch (IOException | RuntimeException e) {
            finished = true;
            archive.close();
            fail(archive.id(), FailureMessages.describe(e));
            return;
        }
        finished = true;
        List<String> deleted = List.of();
        try {
            RetentionReport retention = policy.points().prune(point, policy.retention());
            deleted = retention.deleted().stream().map(gone -> gone.candidate().id()).toList();
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=restore_point.retention_failed runId={} id={} reason=\"{}\"", run.runId(), point.id(), FailureMessages.describe(e));
        }
        report.accept(SnapshotReport.written(point, seconds(), deleted));
    }

    /** Reads one standby collection in the run's batches, in natural order (a capped collection's insertion order). */
    private void readStandby(String collection, RunArchive.BatchSink sink) throws IOException {
        MongoDatabase standby = run.target();
        Batcher<RawBsonDocument> batches = Batcher.ofDocuments(run.batchLimits());
        try (MongoCursor<RawBsonDocument> cursor = standby.getCollection(collection, RawBsonDocument.class).find()
                .batchSize(run.settings().batchDocuments()).cursor()) {
            while (cursor.hasNext()) {
                RawBsonDocument document = cursor.next();
                run.progress().standbyRead(document.getByteBuffer().remaining());
                List<RawBsonDocument> full = batches.add(document);
                if (full != null) {
                    sink.accept(full);
                }
            }
        }
        List<RawBsonDocument> last = batches.flush();
        if (last != null) {
            sink.accept(last);
        }
    }

    /** A run that did not complete leaves no restore point: it is aborted and removed. */
    @Override
    public void close() {
        if (archive != null && !finished) {
            archive.close();
            report.accept(SnapshotReport.skipped("the run did not complete; restore point " + archive.id()
                    + " was aborted (only complete, verified copies become restore points)"));
        }
    }

    private void fail(String id, String reason) {
        LOG.error("event=restore_point.failed runId={} id={} reason=\"{}\"", run.runId(), id, reason);
        report.accept(SnapshotReport.failed(id, seconds(), reason));
    }

    private double seconds() {
        return Math.round((System.nanoTime() - startedNanos) / 1e6) / 1000.0;
    }
}
