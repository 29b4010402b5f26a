package io.dbsync.api.sync.mongo;

/** How large one write batch may grow: by count and by raw bytes (MongoDB's message limit is 48 MB). */
public record BatchLimits(int maxDocuments, long maxBytes) {

    public BatchLimits {
        if (maxDocuments < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("batch limits must be positive");
        }
    }

    /** A batch of this size is full and must be written. */
    public boolean reached(int documents, long bytes) {
        return documents >= maxDocuments || bytes >= maxBytes;
    }

    /** Adding an item of {@code nextBytes} would break a limit. An empty batch always takes one item, however large. */
    public boolean wouldOverflow(int documents, long bytes, long nextBytes) {
        return documents > 0 && (documents >= maxDocuments || bytes + nextBytes > maxBytes);
    }
}
