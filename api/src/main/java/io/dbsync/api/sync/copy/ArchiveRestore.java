package io.dbsync.api.sync.copy;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.sync.mongo.BatchLimits;
import io.dbsync.api.sync.mongo.IndexSpecs;
import io.dbsync.api.sync.mongo.LockCheck;
import io.dbsync.api.sync.mongo.Verification;
import io.dbsync.api.sync.plan.CollectionKind;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.RestoredCollection;
import io.dbsync.api.sync.plan.SyncFailedException;
import io.dbsync.api.sync.plan.TaskProgress;
import io.dbsync.api.sync.snapshot.archive.ArchiveReader;
import io.dbsync.api.sync.snapshot.archive.CollectionType;
import io.dbsync.api.sync.snapshot.archive.Namespace;
import io.dbsync.api.sync.snapshot.archive.NamespaceMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a mongodump archive (a restore point, or mongodump's own) the way a run copies: every
 * chosen collection is streamed into a staging collection on the destination, created with the
 * archive's options; the whole archive is then checked (every CRC-64, the gzip trailer, and the
 * caller's own check, a restore point's size and SHA-256); documents and indexes are verified; and
 * only then, still holding the run lock, is everything swapped in. A damaged archive or any other
 * failure before the swap drops the staging and leaves the destination exactly as it was.
 */
public final class ArchiveRestore {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRestore.class);
    private static final String BUCKETS_PREFIX = "system.buckets.";

    private final MongoDatabase destination;
    private final SyncSettings settings;
    private final TaskProgress progress;
    private final LockCheck lock;
    private final StagingArea staging;

    /** Checks the archive as a whole once every document was read (and before anything is swapped). */
    @FunctionalInterface
    public interface WholeArchiveCheck {
        void verify(Map<String, RestoredCollection> restored) throws IOException;
    }

    public ArchiveRestore(MongoDatabase destination, String restoreTag, int maxNamespaceBytes, SyncSettings settings,
                          TaskProgress progress, LockCheck lock) {
        this.destination = destination;
        this.settings = settings;
        this.progress = progress;
        this.lock = lock;
        this.staging = new StagingArea(destination, restoreTag, maxNamespaceBytes);
    }

    /** The plan a collection of the archive is restored by (options from the archive, the estimates given). */
    public static CollectionPlan planOf(NamespaceMetadata metadata, long documents, long bytes) {
        CollectionKind kind = switch (metadata.type()) {
            case VIEW -> CollectionKind.VIEW;
            case TIMESERIES -> CollectionKind.TIMESERIES;
            default -> CollectionKind.COLLECTION;
        };
        return new CollectionPlan(metadata.collection(), kind, metadata.options(), documents, bytes);
    }

    /**
     * Restores the collections of {@code reader} that {@code chosen} accepts, planned as {@code plans}
     * (by name); returns them in archive order, views included (0 documents).
     */
    public List<RestoredCollection> restore(ArchiveReader reader, Predicate<String> chosen, Map<String, CollectionPlan> plans,
                                            WholeArchiveCheck check) throws IOException, InterruptedException {
        List<NamespaceMetadata> selected = reader.namespaces().stream().filter(m -> chosen.test(m.collection())).toList();
        refuseViewsOverCollections(selected);
        Map<Namespace, ArchiveLoad.Target> targets = new LinkedHashMap<>();
        Map<String, List<String>> dropped = new LinkedHashMap<>();
        List<RestoredCollection> restored = new ArrayList<>();
        try {
            for (NamespaceMetadata metadata : selected) {
                if (metadata.type() == CollectionType.VIEW) {
                    continue;
                }
                CollectionPlan plan = plans.get(metadata.collection());
                lock.require("before creating the staging of '" + plan.name() + "'");
                CollectionCreator.Created created = staging.create(plan);
                dropped.put(plan.name(), created.droppedOptions());
                String dataName = metadata.type() == CollectionType.TIMESERIES
                        ? BUCKETS_PREFIX + staging.nameFor(plan) : staging.nameFor(plan);
                targets.put(metadata.dataNamespace(), new ArchiveLoad.Target(destination.getCollection(dataName,
                        RawBsonDocument.class), plan.name(), plan.isCapped()));
                progress.started(plan);
            }
            Map<Namespace, ArchiveLoad.Loaded> loaded = new ArchiveLoad(targets, new BatchLimits(settings.batchDocuments(),
                    settings.batchBytes()), settings.parallelCollections() * settings.writersPerCollection(),
                    settings.mongoReadTimeout().plus(settings.mongoTimeout()), progress).load(reader);
            for (NamespaceMetadata metadata : selected) {
                restored.add(verify(metadata, loaded.get(metadata.dataNamespace()), dropped.get(metadata.collection())));
            }
            Map<String, RestoredCollection> byName = new LinkedHashMap<>();
            restored.forEach(collection -> byName.put(collection.name(), collection));
            check.verify(byName);
            lock.require("before the swap");
        } catch (IOException | RuntimeException | InterruptedException e) {
            dropStagingQuietly();
            throw e;
        }
        List<CollectionPlan> swapped = selected.stream().filter(m -> m.type() != CollectionType.VIEW)
                .map(m -> plans.get(m.collection())).toList();
        try {
            new Swapper(destination, staging).swapAll(swapped);
        } finally {
            dropStagingQuietly();
        }
        swapped.forEach(plan -> progress.finished(plan.name()));
        new ViewWriter(destination).writeAll(selected.stream().filter(m -> m.type() == CollectionType.VIEW)
                .map(m -> plans.get(m.collection())).toList());
        return restored;
    }

    /** Counts and indexes of one staged collection against what the archive says it holds. */
    private RestoredCollection verify(NamespaceMetadata metadata, ArchiveLoad.Loaded loaded, List<String> droppedOptions) {
        String name = metadata.collection();
        if (metadata.type() == CollectionType.VIEW) {
            return new RestoredCollection(name, metadata.type().wireName(), 0, 0, "", 0, List.of());
        }
        String stagingName = staging.nameFor(planOf(metadata, 0, 0));
        String dataName = metadata.type() == CollectionType.TIMESERIES ? BUCKETS_PREFIX + stagingName : stagingName;
        long archived = loaded.figures().documents();
        Verification.require(Verification.copiedCounts(name, archived, loaded.inserted(),
                destination.getCollection(dataName).estimatedDocumentCount())); // a fresh collection: its metadata count
        List<BsonDocument> specs = metadata.indexes().stream().map(IndexSpecs::clean)
                .filter(spec -> !spec.getString("name").getValue().equals("_id_") && !spec.containsKey("clustered"))
                .toList();
        IndexSpecs.create(destination, stagingName, specs);
        Verification.require(Verification.indexes(name, specs, IndexSpecs.read(destination.getCollection(stagingName))));
        return new RestoredCollection(name, metadata.type().wireName(), archived, loaded.figures().bytes(),
                loaded.figures().crcHex(), specs.size(), droppedOptions);
    }

    /** A view of the archive would replace a collection holding documents: refused before anything is written. */
    private void refuseViewsOverCollections(List<NamespaceMetadata> selected) {
        for (NamespaceMetadata metadata : selected) {
            if (metadata.type() != CollectionType.VIEW) {
                continue;
            }
            for (BsonDocument info : destination.listCollections(BsonDocument.class)
                    .filter(new BsonDocument("name", new org.bson.BsonString(metadata.collection())))) {
                boolean isView = "view".equals(info.getString("type", new org.bson.BsonString("collection")).getValue());
                if (!isView && destination.getCollection(metadata.collection()).estimatedDocumentCount() > 0) {
                    throw new SyncFailedException("'" + metadata.collection() + "' is a view in the archive but a collection"
                            + " holding documents on the destination; restore it elsewhere, or exclude it");
                }
            }
        }
    }

    private void dropStagingQuietly() {
        boolean interrupted = Thread.interrupted();
        try {
            List<String> gone = staging.dropOwn();
            if (!gone.isEmpty()) {
                LOG.info("event=restore.staging_dropped collections={}", gone);
            }
        } catch (RuntimeException e) {
            LOG.warn("event=restore.staging_drop_failed reason={}", e.getClass().getSimpleName());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
