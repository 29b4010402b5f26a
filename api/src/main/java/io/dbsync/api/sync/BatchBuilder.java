package io.dbsync.api.sync;

import java.util.ArrayList;
import java.util.List;
import org.bson.RawBsonDocument;

/**
 * Collects documents into insert batches bounded by count and by bytes. A document larger than
 * the byte bound travels alone, so a 16 MB document always passes.
 */
final class BatchBuilder {
    private final int maxDocuments;
    private final long maxBytes;
    private List<RawBsonDocument> current = new ArrayList<>();
    private long currentBytes;

    BatchBuilder(int maxDocuments, long maxBytes) {
        this.maxDocuments = maxDocuments;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a document; returns the batch that was full before it (and is now handed over), or null.
     */
    List<RawBsonDocument> add(RawBsonDocument document) {
        long size = document.getByteBuffer().remaining();
        List<RawBsonDocument> full = null;
        if (!current.isEmpty() && (current.size() >= maxDocuments || currentBytes + size > maxBytes)) {
            full = take();
        }
        current.add(document);
        currentBytes += size;
        return full;
    }

    /** The partly filled batch, or null when there is none. */
    List<RawBsonDocument> flush() {
        return current.isEmpty() ? null : take();
    }

    private List<RawBsonDocument> take() {
        List<RawBsonDocument> batch = current;
        current = new ArrayList<>(Math.min(maxDocuments, 1024));
        currentBytes = 0;
        return batch;
    }

    static long bytesOf(List<RawBsonDocument> batch) {
        long total = 0;
        for (RawBsonDocument document : batch) {
            total += document.getByteBuffer().remaining();
        }
        return total;
    }
}
