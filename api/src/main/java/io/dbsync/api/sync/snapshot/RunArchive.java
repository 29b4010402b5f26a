package io.dbsync.api.sync.snapshot;

import io.dbsync.api.sync.snapshot.archive.ArchiveHeader;
import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;
import io.dbsync.api.sync.snapshot.archive.CollectionType;
import io.dbsync.api.sync.snapshot.archive.Namespace;
import io.dbsync.api.sync.snapshot.archive.NamespaceFigures;
import io.dbsync.api.sync.snapshot.archive.NamespaceMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.RawBsonDocument;

/**
 * The restore point of one run, written while the run goes: the copies hand it the documents they
 * read ({@link #read}, {@link #copied}), a thread of its own compresses and uploads them, and once the
 * run has converged {@link #complete} reads whatever no copy handed over from the standby — it
 * now equals the source as of the run — and writes the manifest.
 *
 * <p>The archive's prelude needs every collection's metadata before the first document, so it is
 * written in {@link #begin}. The tap never fails a copy: an upload that breaks is aborted, the
 * rest of the run's documents are dropped unread, and {@link #complete} reports the failure.
 */
public final class RunArchive implements AutoCloseable {
    private final RestorePointUpload upload;
    private final ArchiveWriter writer;
    private final Map<String, NamespaceMetadata> byCollection = new LinkedHashMap<>();
    private final Set<String> tapped = new HashSet<>();
    private final Set<String> ended = new HashSet<>();
    private final TapQueue queue;
    private boolean completed;

    private RunArchive(RestorePointUpload upload, ArchiveWriter writer, List<NamespaceMetadata> namespaces) {
        this.upload = upload;
        this.writer = writer;
        namespaces.forEach(metadata -> byCollection.put(metadata.collection(), metadata));
        this.queue = new TapQueue(this::apply, upload.id());
    }

    /** Starts restore point for {@code runId}: the upload, the archive's header and prelude, the tap's thread. */
    public static RunArchive begin(RestorePoints points, String runId, String source, ArchiveHeader header,
                                   List<NamespaceMetadata> namespaces, ArchiveWriter.Compression compression) throws IOException {
        RestorePointUpload upload = points.begin(runId, source, compression);
        try {
            ArchiveWriter writer = ArchiveWriter.create(upload.stream(), compression);
            writer.begin(header, namespaces);
            return new RunArchive(upload, writer, namespaces);
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e;
        }
    }

    public String id() {
        return upload.id();
    }

    /** Archive bytes written so far. */
    public long bytesWritten() {
        return upload.bytesWritten();
    }

    /** A batch of {@code collection}'s documents as a full copy read them; waits while the tap's queue is full. */
    public void read(String collection, List<RawBsonDocument> batch) throws InterruptedException {
        queue.put(new TapQueue.Batch(collection, batch));
    }

    /** Every document of {@code collection} was handed over and its copy verified. */
    public void copied(String collection) throws InterruptedException {
        queue.put(new TapQueue.Copied(collection));
    }

    /** On the tap's thread: one batch or one collection's end into the archive. */
    private void apply(TapQueue.Item item) throws IOException {
        NamespaceMetadata metadata = byCollection.get(item.collection());
        // Time-series copies read measurements, but an archive holds buckets: those come from the standby.
        if (metadata == null || metadata.type() != CollectionType.COLLECTION) {
            return;
        }
        if (ended.contains(item.collection())) {
            throw new IOException("collection '" + item.collection() + "' was copied twice in one run");
        }
        if (item instanceof TapQueue.Batch batch) {
            tapped.add(batch.collection());
            writer.writeBatch(metadata.dataNamespace(), batch.documents());
        } else {
            writer.endNamespace(metadata.dataNamespace());
            ended.add(item.collection());
        }
    }

    /**
     * Completes the restore point after the run converged: waits for the tap's thread, reads every
     * collection no copy handed over from {@code standby}, finishes the archive and writes the
     * manifest, last.
     *
     * @throws IOException the upload's failure (also a failure that happened during the copies)
     */
    public RestorePoint complete(StandbyReader standby) throws IOException, InterruptedException {
        queue.drain();
        for (NamespaceMetadata metadata : byCollection.values()) {
            if (ended.contains(metadata.collection())) {
                continue;
            }
            if (tapped.contains(metadata.collection())) {
                throw new IOException("the copy of collection '" + metadata.collection() + "' handed over documents"
                        + " but never finished");
            }
            Namespace data = metadata.dataNamespace();
            if (metadata.type() != CollectionType.VIEW) {
                standby.read(data.collection(), batch -> writer.writeBatch(data, batch));
            }
            writer.endNamespace(data);
            ended.add(metadata.collection());
        }
        List<NamespaceFigures> figures = writer.finish();
        writer.close();
        List<ManifestCollection> collections = new ArrayList<>();
        List<NamespaceMetadata> prelude = new ArrayList<>(byCollection.values());
        for (int i = 0; i < prelude.size(); i++) {
            collections.add(ManifestCollection.of(prelude.get(i), figures.get(i)));
        }
        RestorePoint point = upload.complete(collections);
        completed = true;
        return point;
    }

    /** Reads one standby collection in batches, for the collections no copy handed over. */
    @FunctionalInterface
    public interface StandbyReader {
        void read(String collection, BatchSink sink) throws IOException, InterruptedException;
    }

    /** Takes one batch of a collection's documents. */
    @FunctionalInterface
    public interface BatchSink {
        void accept(List<RawBsonDocument> batch) throws IOException;
    }

    /** Aborts the restore point unless it completed: nothing is listed, the upload is removed. */
    @Override
    public void close() {
        queue.stop();
        if (!completed) {
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                // the upload is aborted below either way
            }
            upload.abort();
        }
    }
}
