package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/** mongo-java-server's memory backend with every user collection's bytes in one {@link StorageLedger}. */
final class AccountedMemoryBackend extends MemoryBackend {
    private final StorageLedger ledger;
    private final int maxNestingDepth;

    AccountedMemoryBackend(StorageLedger ledger, int maxNestingDepth) {
        this.ledger = ledger;
        this.maxNestingDepth = maxNestingDepth;
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new AccountedMemoryDatabase(databaseName, getCursorRegistry(), ledger, maxNestingDepth);
    }
}
