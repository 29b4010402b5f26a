package io.dbsync.api.sync;

import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.store.RunLock;
import io.dbsync.api.sync.copy.ArchiveRestore;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.plan.CollectionFilter;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.RestoredCollection;
import io.dbsync.api.sync.plan.StagingNames;
import io.dbsync.api.sync.plan.SyncFailedException;
import io.dbsync.api.sync.snapshot.RestorePointDamagedException;
import io.dbsync.api.sync.snapshot.archive.ArchiveCorruptException;
import io.dbsync.api.sync.snapshot.archive.ArchiveReader;
import io.dbsync.api.sync.snapshot.archive.CollectionType;
import io.dbsync.api.sync.snapshot.archive.NamespaceMetadata;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restore of an archive into a database, under the run lock so no run writes meanwhile (see
 * {@link ArchiveRestore} for how: staging, checks, then the swap). Its progress is read like a
 * run's while it goes.
 */
public final class RestoreRun {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreRun.class);
    private static final String UNCHANGED = "; nothing was swapped, the destination is unchanged";

    private final String restoreId = UUID.randomUUID().toString();
    private final RunLock lock;
    private final MongoDatabase destination;
    private final int maxNamespaceBytes;
    private final SyncSettings settings;
    private final Clock clock;
    private final RunProgress progress;

    public RestoreRun(RunLock lock, MongoDatabase destination, int maxNamespaceBytes, SyncSettings settings, Clock clock) {
        this.lock = lock;
        this.destination = destination;
        this.maxNamespaceBytes = maxNamespaceBytes;
        this.settings = settings;
        this.clock = clock;
        this.progress = new RunProgress(restoreId, ProgressListener.NONE);
    }

    public String id() {
        return restoreId;
    }

    /** Live figures per collection, as a run's. */
    public List<CollectionProgress> progress() {
        return progress.collections();
    }

    /** Restores the collections of {@code source} that {@code filter} accepts; closes {@code source}. */
    public RestoreResult restore(ArchiveSource source, CollectionFilter filter) {
        Instant started = clock.instant();
        RunLock.Attempt attempt = lock.tryAcquire(restoreId);
        if (!attempt.acquired()) {
            source.closeQuietly();
            return ended(started, SyncStatus.REFUSED, source, List.of(), "run " + attempt.holderRunId()
                    + " holds the lock; restore when it has ended (or pause runs first)" + UNCHANGED);
        }
        LOG.info("event=restore.started restoreId={} source=\"{}\" database={}", restoreId, source.description(),
                destination.getName());
        try (source; ArchiveReader reader = ArchiveReader.open(source.stream())) {
            Predicate<String> chosen = name -> !name.startsWith("system.") && filter.accepts(name);
            Map<String, CollectionPlan> plans = plans(reader.namespaces(), chosen, source);
            progress.planned(List.copyOf(plans.values()));
            List<RestoredCollection> restored = new ArchiveRestore(destination, StagingNames.runTag(restoreId),
                    maxNamespaceBytes, settings, progress, () -> lock.isHeld(restoreId))
                    .restore(reader, chosen, plans, source::verify);
            return ended(started, SyncStatus.COMPLETED, source, restored, null);
        } catch (ArchiveCorruptException | RestorePointDamagedException e) {
            return ended(started, SyncStatus.REFUSED, source, List.of(), e.getMessage() + UNCHANGED);
        } catch (InterruptedException | MongoInterruptedException e) {
            return ended(started, SyncStatus.FAILED, source, List.of(), "the restore was interrupted; its staging was dropped"
                    + UNCHANGED);
        } catch (SyncFailedException | IllegalArgumentException e) {
            return ended(started, SyncStatus.FAILED, source, List.of(), e.getMessage());
        } catch (MongoException e) {
            return ended(started, SyncStatus.FAILED, source, List.of(), "MongoDB error: " + FailureMessages.describe(e));
        } catch (IOException e) {
            return ended(started, SyncStatus.FAILED, source, List.of(), "reading the archive failed: "
                    + FailureMessages.describe(e) + UNCHANGED);
        } finally {
            Thread.interrupted(); // the lock's release is a PostgreSQL call, which an interrupted thread cannot make
            lock.release(restoreId);
        }
    }

    /** One plan per chosen collection; an archive of several databases is refused (it would mix them in one). */
    private static Map<String, CollectionPlan> plans(List<NamespaceMetadata> namespaces, Predicate<String> chosen,
                                                     ArchiveSource source) {
        List<String> databases = namespaces.stream().map(NamespaceMetadata::database).distinct().toList();
        if (databases.size() > 1) {
            throw new IllegalArgumentException("the archive holds " + databases.size() + " databases " + databases
                    + "; dbsync restores one database (mongorestore --nsInclude can pick one)");
        }
        Map<String, CollectionPlan> plans = new LinkedHashMap<>();
        for (NamespaceMetadata metadata : namespaces) {
            if (chosen.test(metadata.collection())) {
                plans.put(metadata.collection(), ArchiveRestore.planOf(metadata, source.expectedDocuments(metadata.collection()),
                        source.expectedBytes(metadata.collection())));
            }
        }
        if (plans.isEmpty()) {
            throw new IllegalArgumentException("no collection of the archive matches --include/--exclude");
        }
        return plans;
    }

    private RestoreResult ended(Instant started, SyncStatus status, ArchiveSource source, List<RestoredCollection> restored,
                                String error) {
        Instant finished = clock.instant();
        RestoreResult result = new RestoreResult(restoreId, status, source.description(),
                restored.stream().mapToLong(RestoredCollection::documents).sum(),
                restored.stream().mapToLong(RestoredCollection::bytes).sum(), Duration.between(started, finished).toMillis(),
                restored, error);
        LOG.info("event=restore.finished restoreId={} status={} documents={} durationMs={} error=\"{}\"", restoreId,
                status.json(), result.documents(), result.durationMs(), error == null ? "" : error);
        return result;
    }
}
