package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import java.util.Set;

/**
 * mongo-java-server's memory backend with every user collection's bytes in one {@link StorageLedger}.
 * The {@code admin}, {@code local} (where the oplog lives) and {@code config} databases are not user
 * data and are not accounted.
 */
final class AccountedMemoryBackend extends MemoryBackend {
    static final Set<String> INTERNAL_DATABASES = Set.of("admin", "local", "config");

    private final StorageLedger ledger;
    private final int maxNestingDepth;

    AccountedMemoryBackend(StorageLedger ledger, int maxNestingDepth) {
        this.ledger = ledger;
        this.maxNestingDepth = maxNestingDepth;
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        if (INTERNAL_DATABASES.contains(databaseName)) {
            return super.openOrCreateDatabase(databaseName);
        }
        return new AccountedMemoryDatabase(databaseName, getCursorRegistry(), ledger, maxNestingDepth);
    }
}
