package io.dbsync.testkit.atlas;

import java.util.Map;

/** What one collection holds by the profile's accounting: documents, their BSON bytes, and bytes per index. */
record CollectionStats(String database, String collection, long documents, long dataBytes, Map<String, Long> indexBytes) {

    CollectionStats {
        indexBytes = Map.copyOf(indexBytes);
    }

    long indexTotal() {
        return indexBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What Atlas counts against the quota for this collection. */
    long total() {
        return dataBytes + indexTotal();
    }
}
