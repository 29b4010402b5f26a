package io.dbsync.api.sync.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tallies foreign writes per collection as a detector finds them, in the order it finds them. */
final class ForeignWrites {
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, boolean[]> flags = new LinkedHashMap<>();
    private long ttlDeletesIgnored;

    private static final int INSERTED = 0;
    private static final int UPDATED = 1;
    private static final int DELETED = 2;
    private static final int DROPPED = 0;
    private static final int CREATED = 1;
    private static final int CHANGED = 2;

    void inserted(String collection) {
        tally(collection)[INSERTED]++;
    }

    void updated(String collection) {
        tally(collection)[UPDATED]++;
    }

    void deleted(String collection) {
        tally(collection)[DELETED]++;
    }

    void dropped(String collection) {
        flags(collection)[DROPPED] = true;
    }

    void created(String collection) {
        flags(collection)[CREATED] = true;
    }

    /** Changed in a way the detector cannot count (an index, the collection's options). */
    void changed(String collection) {
        flags(collection)[CHANGED] = true;
    }

    /** Adds what another tally found (one collection's stream, read beside the others). */
    void addAll(ForeignWrites other) {
        other.counts.forEach((name, c) -> {
            long[] mine = tally(name);
            for (int i = 0; i < mine.length; i++) {
                mine[i] += c[i];
            }
        });
        other.flags.forEach((name, f) -> {
            boolean[] mine = flags(name);
            for (int i = 0; i < mine.length; i++) {
                mine[i] |= f[i];
            }
        });
        ttlDeletesIgnored += other.ttlDeletesIgnored;
    }

    void ttlDeleteIgnored() {
        ttlDeletesIgnored++;
    }

    long ttlDeletesIgnored() {
        return ttlDeletesIgnored;
    }

    boolean isEmpty() {
        return counts.isEmpty() && flags.isEmpty();
    }

    /** The changes, counts exact (a stream reads every event). */
    List<CollectionChange> changes() {
        List<String> names = new ArrayList<>(counts.keySet());
        flags.keySet().stream().filter(name -> !counts.containsKey(name)).forEach(names::add);
        List<CollectionChange> changes = new ArrayList<>();
        for (String name : names) {
            long[] c = counts.getOrDefault(name, new long[3]);
            boolean[] f = flags.getOrDefault(name, new boolean[3]);
            changes.add(new CollectionChange(name, c[INSERTED], c[UPDATED], c[DELETED], f[DROPPED], f[CREATED], true));
        }
        return changes;
    }

    private long[] tally(String collection) {
        return counts.computeIfAbsent(collection, name -> new long[3]);
    }

    private boolean[] flags(String collection) {
        return flags.computeIfAbsent(collection, name -> new boolean[3]);
    }
}
