package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One collection's storage accounting, hooked into mongo-java-server as a pseudo-index. A collection
 * asks every index to check a document before it changes anything ({@code checkAdd}, {@code checkUpdate})
 * and tells every index after the change ({@code add}, {@code updateInPlace}, {@code remove}); as the
 * first index of the collection this is the one place that sees each insert, upsert, update,
 * findAndModify and delete with the documents themselves, before and after. It never answers queries.
 */
final class CollectionUsage extends EmptyIndex<Integer> {
    static final String NAME = "__atlas_profile_usage__";

    private final MongoCollection<Integer> collection;
    private final StorageLedger ledger;
    private final int maxNestingDepth;
    private final SizeCache cache = new SizeCache();
    // guarded by the ledger's monitor
    private long documents;
    private long dataBytes;
    private final Map<String, Long> indexBytes = new LinkedHashMap<>();

    CollectionUsage(MongoCollection<Integer> collection, StorageLedger ledger, int maxNestingDepth) {
        super(NAME, List.of());
        this.collection = collection;
        this.ledger = ledger;
        this.maxNestingDepth = maxNestingDepth;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Integer> ignored) {
        if (BsonMeasure.nestingDepth(document) > maxNestingDepth) {
            throw AtlasErrors.nestedTooDeepOnInsert(maxNestingDepth);
        }
        ledger.checkRoom(sizes(document).total());
    }

    @Override
    public void add(Document document, Integer position, MongoCollection<Integer> ignored) {
        apply(sizes(document), 1, 1);
        cache.clear();
    }

    @Override
    public Integer remove(Document document) {
        apply(measure(document), -1, -1);
        return null; // a sparse index may miss a document: the collection takes the position from the _id index
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> ignored) {
        if (BsonMeasure.nestingDepth(newDocument) > maxNestingDepth) {
            throw AtlasErrors.nestedTooDeepOnUpdate(maxNestingDepth);
        }
        ledger.checkRoom(sizes(newDocument).total() - sizes(oldDocument).total());
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Integer position, MongoCollection<Integer> ignored) {
        apply(sizes(oldDocument), -1, 0);
        apply(sizes(newDocument), 1, 0);
        cache.clear();
    }

    /** A new index holding {@code bytes} of entries for the documents already stored. */
    void indexAdded(String indexName, long bytes) {
        synchronized (ledger) {
            indexBytes.merge(indexName, bytes, Long::sum);
            ledger.add(bytes);
        }
        cache.clear();
    }

    void indexDropped(String indexName) {
        synchronized (ledger) {
            Long freed = indexBytes.remove(indexName);
            if (freed != null) {
                ledger.add(-freed);
            }
        }
        cache.clear();
    }

    /** The collection is gone: all its bytes are free again. */
    void collectionDropped() {
        synchronized (ledger) {
            long held = dataBytes + indexBytes.values().stream().mapToLong(Long::longValue).sum();
            ledger.add(-held);
            ledger.unregister(this);
            documents = 0;
            dataBytes = 0;
            indexBytes.clear();
        }
        cache.clear();
    }

    /** Only under the ledger's monitor (see {@link StorageLedger#collections()}). */
    CollectionStats statsHeldByLedger() {
        return new CollectionStats(collection.getDatabaseName(), collection.getCollectionName(), documents, dataBytes, indexBytes);
    }

    private void apply(Sizes sizes, int sign, int documentDelta) {
        synchronized (ledger) {
            documents += documentDelta;
            dataBytes += sign * sizes.data();
            sizes.perIndex().forEach((name, bytes) -> indexBytes.merge(name, sign * bytes, Long::sum));
            ledger.add(sign * sizes.total());
        }
    }

    /** Measured once per write: cached from the check to the change, then forgotten. */
    private Sizes sizes(Document document) {
        Sizes cached = cache.get(document);
        if (cached != null) {
            return cached;
        }
        Sizes sizes = measure(document);
        cache.put(document, sizes);
        return sizes;
    }

    private Sizes measure(Document document) {
        Map<String, Long> perIndex = new LinkedHashMap<>();
        for (Index<Integer> index : collection.getIndexes()) {
            if (index != this) {
                perIndex.put(index.getName(), BsonMeasure.indexEntryBytes(index, document));
            }
        }
        return new Sizes(BsonMeasure.documentBytes(document), perIndex);
    }

    record Sizes(long data, Map<String, Long> perIndex) {
        long total() {
            return data + perIndex.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The sizes of the last two documents checked, by identity: a write asks about the same document
     * instances first to check and then to apply, an update about two (before and after). Cleared after
     * each change, because a stored document is later updated in place.
     */
    private static final class SizeCache {
        private Document first;
        private Sizes firstSizes;
        private Document second;
        private Sizes secondSizes;

        synchronized Sizes get(Document document) {
            if (document == first) {
                return firstSizes;
            }
            return document == second ? secondSizes : null;
        }

        synchronized void put(Document document, Sizes sizes) {
            second = first;
            secondSizes = firstSizes;
            first = document;
            firstSizes = sizes;
        }

        synchronized void clear() {
            first = null;
            second = null;
            firstSizes = null;
            secondSizes = null;
        }
    }
}
