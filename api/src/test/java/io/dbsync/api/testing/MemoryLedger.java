package io.dbsync.api.testing;

import io.dbsync.api.store.StandbyLedger;
import java.util.Map;
import java.util.TreeMap;

/** A ledger held in memory, for child processes that measure the copy alone without PostgreSQL. */
public final class MemoryLedger implements StandbyLedger {
    private final Map<String, Entry> entries = new TreeMap<>();

    @Override
    public synchronized Map<String, Entry> entries() {
        return Map.copyOf(entries);
    }

    @Override
    public synchronized void save(String collection, String position, String runId) {
        entries.put(collection, new Entry(collection, position, runId));
    }

    @Override
    public synchronized void forget(String collection) {
        entries.remove(collection);
    }
}
