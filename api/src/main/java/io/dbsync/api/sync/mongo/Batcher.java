package io.dbsync.api.sync.mongo;

import org.bson.RawBsonDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Collects items into write batches bounded by {@link BatchLimits}: documents for an insert, writes
 * for a bulk write, ids for a delete. An item larger than the byte bound travels alone, so a 16 MB
 * document always passes. Not thread-safe: one per producer.
 */
public final class Batcher<T> {
    private final BatchLimits limits;
    private final ToLongFunction<T> sizeOf;
    private List<T> current = new ArrayList<>();
    private long currentBytes;

    public Batcher(BatchLimits limits, ToLongFunction<T> sizeOf) {
        this.limits = limits;
        this.sizeOf = sizeOf;
    }

    /** A batcher of raw documents, sized by their bytes. */
    public static Batcher<RawBsonDocument> ofDocuments(BatchLimits limits) {
        return new Batcher<>(limits, Batcher::sizeOf);
    }

    /** Adds an item; returns the batch that was full before it (and is now handed over), or null. */
    public List<T> add(T item) {
        long size = sizeOf.applyAsLong(item);
        List<T> full = limits.wouldOverflow(current.size(), currentBytes, size) ? take() : null;
        current.add(item);
        currentBytes += size;
        return full;
    }

    /** The partly filled batch, or null when there is none. */
    public List<T> flush() {
        return current.isEmpty() ? null : take();
    }

    public boolean isEmpty() {
        return current.isEmpty();
    }

    private List<T> take() {
        List<T> batch = current;
        current = new ArrayList<>(Math.min(limits.maxDocuments(), 1024));
        currentBytes = 0;
        return batch;
    }

    public static long sizeOf(RawBsonDocument document) {
        return document.getByteBuffer().remaining();
    }

    public static long bytesOf(List<RawBsonDocument> batch) {
        long total = 0;
        for (RawBsonDocument document : batch) {
            total += sizeOf(document);
        }
        return total;
    }
}
