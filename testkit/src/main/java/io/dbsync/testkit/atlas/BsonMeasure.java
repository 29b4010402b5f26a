package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Sizes and depth of stored documents, measured the way the profile's accounting defines them.
 *
 * <p>Index bytes are an estimate (Atlas counts WiredTiger's index files, which no formula reproduces):
 * each index entry costs the BSON size of its key with the field names stripped, as MongoDB writes
 * index keys ({@code {"": v1, "": v2}}), plus 8 bytes of record id. A multikey index has one entry per
 * array element; sparse and partial indexes are counted as if they held every document (an
 * over-estimate, never an under-estimate). An empty index costs nothing.
 */
final class BsonMeasure {
    static final int RECORD_ID_BYTES = 8;

    private BsonMeasure() {
    }

    /** Uncompressed BSON size of a document. */
    static long documentBytes(Document document) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, buffer);
            return buffer.writerIndex();
        } finally {
            buffer.release();
        }
    }

    /** Bytes of all entries this document puts into this index. */
    static long indexEntryBytes(Index<?> index, Document document) {
        Set<KeyValue> keys;
        try {
            keys = index.getKeyValues(document);
        } catch (RuntimeException unindexable) {
            // e.g. parallel arrays in a non-unique compound index: count one null key rather than refuse
            return keyBytes(new KeyValue((Object) null)) + RECORD_ID_BYTES;
        }
        long bytes = 0;
        for (KeyValue key : keys) {
            bytes += keyBytes(key) + RECORD_ID_BYTES;
        }
        return bytes;
    }

    /** BSON size of {@code {"": v1, "": v2, …}}: encoded with names "0", "1", … and those names taken off again. */
    static long keyBytes(KeyValue key) {
        Document named = new Document();
        long nameBytes = 0;
        int position = 0;
        for (Object value : key) {
            String name = Integer.toString(position++);
            named.put(name, value);
            nameBytes += name.length();
        }
        return documentBytes(named) - nameBytes;
    }

    /**
     * Levels of nesting as mongod counts them for storage: the top-level fields are level 1, the fields of
     * a non-empty embedded document or array one level more; empty ones add no level.
     */
    static int nestingDepth(Map<String, ?> document) {
        return 1 + deepestChild(document.values());
    }

    private static int deepestChild(Collection<?> values) {
        int deepest = 0;
        for (Object value : values) {
            if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                deepest = Math.max(deepest, 1 + deepestChild(map.values()));
            } else if (value instanceof Collection<?> list && !list.isEmpty()) {
                deepest = Math.max(deepest, 1 + deepestChild(list));
            }
        }
        return deepest;
    }
}
