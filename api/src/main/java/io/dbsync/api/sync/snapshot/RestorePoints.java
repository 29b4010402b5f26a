package io.dbsync.api.sync.snapshot;

import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog of restore points in one store: begin a new one, list, find ({@code latest} or an
 * id), open one for reading with its integrity checked, delete, and prune by a {@link Retention}.
 *
 * <p>A restore point is complete only when its manifest exists (it is written last and deleted
 * first). An archive without a manifest is invisible, and removed by pruning once it is older
 * than {@link #ORPHAN_AGE}; a manifest whose archive is missing or of the wrong size is reported
 * damaged, never skipped.
 */
public final class RestorePoints {
    public static final String LATEST = "latest";
    /** An archive without manifest older than this is an interrupted restore point, not one being finished. */
    public static final Duration ORPHAN_AGE = Duration.ofHours(1);
    private static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RestorePoints.class);

    private final SnapshotStore store;
    private final Clock clock;

    public RestorePoints(SnapshotStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public String location() {
        return store.location();
    }

    /**
     * Starts a restore point for run {@code runId} of {@code source} (an identity without
     * credentials), dated now.
     */
    public RestorePointUpload begin(String runId, String source, ArchiveWriter.Compression compression) throws IOException {
        Instant createdAt = clock.instant();
        String id = RestorePointKeys.newId(createdAt, runId);
        String compressionName = ArchiveObject.compressionOf(compression);
        ObjectUpload archive = store.upload(RestorePointKeys.archiveKey(id, compressionName));
        return new RestorePointUpload(store, archive, id, runId, source, compressionName, createdAt);
    }

    /** Everything in the store: complete restore points newest first, damaged ones, orphan archives. */
    public RestorePointCatalog list() throws IOException {
        List<StoredObject> objects = store.list();
        Map<String, StoredObject> byKey = objects.stream().collect(Collectors.toMap(StoredObject::key, Function.identity()));
        List<RestorePoint> complete = new ArrayList<>();
        List<DamagedRestorePoint> damaged = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (StoredObject object : objects) {
            Optional<String> id = RestorePointKeys.idOfManifest(object.key());
            if (id.isEmpty()) {
                continue;
            }
            claimed.add(RestorePointKeys.archiveKey(id.get(), ArchiveObject.GZIP));
            claimed.add(RestorePointKeys.archiveKey(id.get(), ArchiveObject.NONE));
            if (object.size() > MAX_MANIFEST_BYTES) {
                damaged.add(new DamagedRestorePoint(id.get(), "its manifest has " + object.size() + " bytes, more than a manifest can"));
                continue;
            }
            Optional<byte[]> json = readManifest(object.key());
            if (json.isEmpty()) {
                continue; // deleted since the listing: deletion removes the manifest first
            }
            Manifest manifest;
            try {
                manifest = ManifestJson.read(json.get());
            } catch (IllegalArgumentException e) {
                damaged.add(new DamagedRestorePoint(id.get(), e.getMessage()));
                continue;
            }
            claimed.add(manifest.archive().key());
            archiveProblem(manifest, id.get(), byKey.get(manifest.archive().key())).ifPresentOrElse(
                    problem -> damaged.add(new DamagedRestorePoint(id.get(), problem)),
                    () -> complete.add(new RestorePoint(manifest)));
        }
        complete.sort(Comparator.comparing(RestorePoint::createdAt).thenComparing(RestorePoint::id).reversed());
        damaged.sort(Comparator.comparing(DamagedRestorePoint::id).reversed());
        List<StoredObject> orphans = objects.stream()
                .filter(object -> RestorePointKeys.idOfArchive(object.key()).isPresent() && !claimed.contains(object.key()))
                .toList();
        return new RestorePointCatalog(complete, damaged, orphans);
    }

    /**
     * The complete restore point {@code idOrLatest} names.
     *
     * @throws RestorePointNotFoundException if there is none by that id (or none at all)
     * @throws RestorePointDamagedException  if it exists but is damaged
     */
    public RestorePoint find(String idOrLatest) throws IOException {
        RestorePointCatalog catalog = list();
        if (LATEST.equals(idOrLatest)) {
            return catalog.newest().orElseThrow(() -> new RestorePointNotFoundException("there is no complete restore point in "
                    + location() + (catalog.damaged().isEmpty() ? "" : " (" + catalog.damaged().size() + " damaged)")));
        }
        Optional<RestorePoint> point = catalog.complete().stream().filter(p -> p.id().equals(idOrLatest)).findFirst();
        if (point.isPresent()) {
            return point.get();
        }
        Optional<DamagedRestorePoint> damaged = catalog.damaged().stream().filter(d -> d.id().equals(idOrLatest)).findFirst();
        if (damaged.isPresent()) {
            throw new RestorePointDamagedException(idOrLatest, damaged.get().problem());
        }
        throw new RestorePointNotFoundException("no restore point '" + idOrLatest + "' in " + location());
    }

    /** Streams the archive, checking its size and SHA-256 against the manifest (see {@link VerifyingArchiveStream}). */
    public VerifyingArchiveStream open(RestorePoint point) throws IOException {
        String key = point.manifest().archive().key();
        try {
            return new VerifyingArchiveStream(store.open(key), point);
        } catch (MissingObjectException e) {
            throw new RestorePointDamagedException(point.id(), "its archive " + key + " is missing");
        }
    }

    /** Deletes a restore point, manifest first (from then on it is invisible), then its archive. */
    public void delete(String id) throws IOException {
        if (!RestorePointKeys.ID.matcher(id).matches()) {
            throw new RestorePointNotFoundException("'" + id + "' is not a restore point id");
        }
        Optional<String> recordedArchive = readManifest(RestorePointKeys.manifestKey(id)).flatMap(json -> {
            try {
                return Optional.of(ManifestJson.read(json).archive().key());
            } catch (IllegalArgumentException unreadable) {
                return Optional.empty();
            }
        });
        store.delete(RestorePointKeys.manifestKey(id));
        Set<String> archives = new HashSet<>(List.of(RestorePointKeys.archiveKey(id, ArchiveObject.GZIP),
                RestorePointKeys.archiveKey(id, ArchiveObject.NONE)));
        recordedArchive.ifPresent(archives::add);
        for (String key : archives) {
            store.delete(key);
        }
    }

    /**
     * Applies {@code retention} right after {@code justWritten} completed. Nothing is deleted unless
     * the listing shows {@code justWritten} as the newest complete restore point, so a stale or
     * partial listing can never cost the newest one.
     */
    public RetentionReport prune(RestorePoint justWritten, Retention retention) throws IOException {
        RestorePointCatalog catalog = list();
        if (catalog.newest().map(newest -> !newest.id().equals(justWritten.id())).orElse(true)) {
            String why = "restore point " + justWritten.id() + " is not listed as the newest complete one; nothing deleted";
            LOG.warn("event=restore_point_retention_skipped store={} reason=\"{}\"", location(), why);
            return RetentionReport.skipped(why, catalog.damaged());
        }
        Retention.Decision decision = retention.decide(catalog.complete().stream()
                .map(point -> new Retention.Candidate(point.id(), point.createdAt())).toList());
        List<Retention.Deleted> deleted = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Retention.Deleted candidate : decision.deleted()) {
            String id = candidate.candidate().id();
            try {
                delete(id);
                deleted.add(candidate);
                LOG.info("event=restore_point_deleted store={} id={} reason=\"{}\"", location(), id, candidate.reason());
            } catch (IOException | RuntimeException e) {
                failures.add(id + ": " + e.getMessage());
                LOG.warn("event=restore_point_delete_failed store={} id={} error=\"{}\"", location(), id, e.getMessage());
            }
        }
        List<String> orphansDeleted = new ArrayList<>();
        Instant orphanBefore = clock.instant().minus(ORPHAN_AGE);
        for (StoredObject orphan : catalog.orphanArchives()) {
            if (orphan.lastModified().isBefore(orphanBefore)) {
                try {
                    store.delete(orphan.key());
                    orphansDeleted.add(orphan.key());
                    LOG.info("event=restore_point_orphan_deleted store={} key={}", location(), orphan.key());
                } catch (IOException | RuntimeException e) {
                    failures.add(orphan.key() + ": " + e.getMessage());
                }
            }
        }
        LOG.info("event=restore_point_retention store={} kept={} deleted={} orphansDeleted={} damaged={} failures={}", location(),
                decision.kept().size(), deleted.size(), orphansDeleted.size(), catalog.damaged().size(), failures.size());
        return new RetentionReport(decision.kept(), deleted, orphansDeleted, catalog.damaged(), failures, Optional.empty());
    }

    private static Optional<String> archiveProblem(Manifest manifest, String id, StoredObject archive) {
        if (!manifest.id().equals(id)) {
            return Optional.of("its manifest names restore point " + manifest.id());
        }
        if (archive == null) {
            return Optional.of("its archive " + manifest.archive().key() + " is missing");
        }
        if (archive.size() != manifest.archive().bytes()) {
            return Optional.of("its archive " + archive.key() + " has " + archive.size() + " bytes, its manifest records "
                    + manifest.archive().bytes());
        }
        return Optional.empty();
    }

    /** A manifest's bytes (at most a bounded number of them); empty if it is gone. */
    private Optional<byte[]> readManifest(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return Optional.of(in.readNBytes(MAX_MANIFEST_BYTES));
        } catch (MissingObjectException e) {
            return Optional.empty();
        }
    }
}
