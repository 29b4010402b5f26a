package io.dbsync.testkit.atlas;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The server-wide storage accounting: every user collection's {@link CollectionUsage} and the bytes they
 * hold together, checked against the quota before a write grows them.
 *
 * <p>One monitor guards the totals and every collection's figures, so a snapshot is consistent. Lock
 * order: a collection's monitor (held by mongo-java-server during a write), then this one; nothing here
 * calls back into a collection.
 */
final class StorageLedger {
    private final long quotaBytes;
    private final Set<CollectionUsage> collections = new LinkedHashSet<>();
    private long usedBytes;

    StorageLedger(long quotaBytes) {
        this.quotaBytes = quotaBytes;
    }

    synchronized void register(CollectionUsage usage) {
        collections.add(usage);
    }

    synchronized void unregister(CollectionUsage usage) {
        collections.remove(usage);
    }

    /**
     * Refuses a write that would grow the total past the quota. Writes that do not grow it (deletes,
     * shrinking updates) always pass, even over the quota.
     */
    synchronized void checkRoom(long growthBytes) {
        if (growthBytes > 0 && usedBytes + growthBytes > quotaBytes) {
            throw AtlasErrors.overQuota(usedBytes + growthBytes, quotaBytes);
        }
    }

    synchronized void add(long bytes) {
        usedBytes += bytes;
    }

    synchronized long usedBytes() {
        return usedBytes;
    }

    long quotaBytes() {
        return quotaBytes;
    }

    /** Every user collection's figures, taken at one instant. */
    synchronized List<CollectionStats> collections() {
        List<CollectionStats> all = new ArrayList<>(collections.size());
        for (CollectionUsage usage : collections) {
            all.add(usage.statsHeldByLedger());
        }
        return all;
    }
}
