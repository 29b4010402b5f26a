package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/** A memory-backend database whose user collections are {@link AccountedMemoryCollection}s. */
final class AccountedMemoryDatabase extends MemoryDatabase {
    private final StorageLedger ledger;
    private final int maxNestingDepth;

    AccountedMemoryDatabase(String name, CursorRegistry cursorRegistry, StorageLedger ledger, int maxNestingDepth) {
        super(name, cursorRegistry);
        this.ledger = ledger;
        this.maxNestingDepth = maxNestingDepth;
    }

    @Override
    protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
        // mongo-java-server's own bookkeeping (system.namespaces, system.indexes) is not user data; it is
        // also opened from the superclass constructor, before this class's fields are set
        if (collectionName.startsWith("system.")) {
            return super.openOrCreateCollection(collectionName, options);
        }
        return new AccountedMemoryCollection(this, collectionName, options, cursorRegistry, ledger, maxNestingDepth);
    }
}
