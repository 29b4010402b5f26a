package io.dbsync.api.sync.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restore point being written: the archive streams into {@link #stream()} (hand it to an
 * {@code ArchiveWriter}); {@link #complete} then completes the archive object and writes the
 * manifest, last. Until then nothing is listed. {@link #close()} aborts unless it completed, so
 * use it in try-with-resources:
 *
 * <pre>{@code
 * try (RestorePointUpload upload = restorePoints.begin(runId, source, Compression.GZIP)) {
 *     ArchiveWriter writer = ArchiveWriter.create(upload.stream(), Compression.GZIP);
 *     ... writer.begin(header, metadata); documents; writer.endNamespace(ns) ...
 *     List<NamespaceFigures> figures = writer.finish();
 *     writer.close();
 *     RestorePoint point = upload.complete(collections);
 * }
 * }</pre>
 */
public final class RestorePointUpload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestorePointUpload.class);

    private final SnapshotStore store;
    private final ObjectUpload archive;
    private final String id;
    private final String runId;
    private final String source;
    private final String compression;
    private final Instant createdAt;
    private RestorePoint completed;

    RestorePointUpload(SnapshotStore store, ObjectUpload archive, String id, String runId, String source,
            String compression, Instant createdAt) {
        this.store = store;
        this.archive = archive;
        this.id = id;
        this.runId = runId;
        this.source = source;
        this.compression = compression;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    /** Where the archive's bytes go; closing it changes nothing (see {@link ObjectUpload}). */
    public OutputStream stream() {
        return archive;
    }

    /** Archive bytes written so far. */
    public long bytesWritten() {
        return archive.size();
    }

    /**
     * Completes the archive object, then writes the manifest: from then on the restore point is
     * listed. If the manifest cannot be written the archive is deleted again (best effort) and
     * the restore point stays invisible.
     */
    public synchronized RestorePoint complete(List<ManifestCollection> collections) throws IOException {
        if (completed != null) {
            return completed;
        }
        UploadedObject object = archive.complete();
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, id, runId, createdAt, source,
                new ArchiveObject(object.key(), object.size(), object.sha256(), compression), collections);
        try {
            store.put(RestorePointKeys.manifestKey(id), ManifestJson.write(manifest));
        } catch (IOException | RuntimeException e) {
            deleteArchiveQuietly();
            throw e;
        }
        completed = new RestorePoint(manifest);
        LOG.info("event=restore_point_written store={} id={} bytes={} collections={} documents={}", store.location(), id,
                object.size(), collections.size(), manifest.documents());
        return completed;
    }

    /** Removes what was written unless the restore point completed; false if the clean-up failed (see {@link ObjectUpload#abort()}). */
    public synchronized boolean abort() {
        if (completed != null) {
            return false;
        }
        boolean clean = archive.abort();
        LOG.info("event=restore_point_aborted store={} id={} bytes={} cleanedUp={}", store.location(), id, archive.size(), clean);
        return clean;
    }

    @Override
    public void close() {
        if (completed == null) {
            abort();
        }
    }

    private void deleteArchiveQuietly() {
        try {
            store.delete(archive.key());
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=restore_point_orphan_left store={} id={} key={} error=\"{}\"", store.location(), id, archive.key(),
                    e.getMessage());
        }
    }
}
