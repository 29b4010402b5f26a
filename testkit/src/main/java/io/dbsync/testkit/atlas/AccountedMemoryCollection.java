package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;

/**
 * A memory-backend collection whose bytes are accounted: documents through its {@link CollectionUsage}
 * pseudo-index, index builds and drops here, because mongo-java-server builds a new index on the
 * stored documents without telling the other indexes.
 */
final class AccountedMemoryCollection extends MemoryCollection {
    private final CollectionUsage usage;
    private final StorageLedger ledger;

    AccountedMemoryCollection(MongoDatabase database, String name, CollectionOptions options,
                              CursorRegistry cursorRegistry, StorageLedger ledger, int maxNestingDepth) {
        super(database, name, options, cursorRegistry);
        this.ledger = ledger;
        this.usage = new CollectionUsage(this, ledger, maxNestingDepth);
        // first in the list, so that it checks a write before any real index changes
        super.addIndex(usage);
        ledger.register(usage);
    }

    /** Refuses an index whose entries for the stored documents would not fit in the quota. */
    @Override
    public void addIndex(Index<Integer> index) {
        boolean exists = getIndexes().stream().anyMatch(existing -> existing.getName().equals(index.getName()));
        if (exists) {
            super.addIndex(index); // mongo-java-server decides: same options are a no-op, others conflict
            return;
        }
        long bytes = streamAllDocumentsWithPosition()
                .mapToLong(stored -> BsonMeasure.indexEntryBytes(index, stored.getDocument()))
                .sum();
        ledger.checkRoom(bytes);
        super.addIndex(index);
        usage.indexAdded(index.getName(), bytes);
    }

    @Override
    public void dropIndex(String indexName) {
        super.dropIndex(indexName);
        usage.indexDropped(indexName);
    }

    @Override
    public void drop() {
        super.dropIndex(CollectionUsage.NAME); // mongo-java-server insists that a dropped collection has no index left
        usage.collectionDropped();
        super.drop();
    }
}
