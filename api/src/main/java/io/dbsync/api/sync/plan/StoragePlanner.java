package io.dbsync.api.sync.plan;

import io.dbsync.api.config.StandbyLimits;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Decides, before anything is written, how a run fits the standby (issue 14): collections absent
 * or empty there are copied straight into place (nothing to protect, no doubled storage); the
 * other copies are staged and swapped in all at once when that fits, else one at a time, largest
 * first (peak = use + the largest staged collection); else the run is refused with the numbers.
 * Sizes are the servers' own estimates: data plus index bytes.
 */
public final class StoragePlanner {
    private static final long MB = 1024L * 1024;

    /** The run cannot fit the standby; the message has the numbers and the way out. */
    public static final class DoesNotFit extends RuntimeException {
        DoesNotFit(String message) {
            super(message);
        }
    }

    /**
     * @param usedBytes       the standby's use now (data + indexes, all databases)
     * @param standbyBytes    each standby collection's data + index bytes now
     * @param collectionsNow  collections on the standby cluster now
     */
    public static StoragePlan plan(StandbyLimits limits, long usedBytes, Map<String, Long> standbyBytes, int collectionsNow,
                                   List<CollectionTask> tasks) {
        long permanent = 0;
        int newCollections = 0;
        for (CollectionTask task : tasks) {
            long source = task.plan().estimatedStorageBytes();
            long old = standbyBytes.getOrDefault(task.name(), 0L);
            if (task.method() == Method.DIRECT) {
                permanent += source;
                newCollections += standbyBytes.containsKey(task.name()) ? 0 : 1;
            } else if (task.method().isInPlace()) {
                permanent += Math.max(0, source - old);
            }
        }
        List<CollectionTask> staged = tasks.stream().filter(task -> task.method() == Method.COPY)
                .sorted(Comparator.comparingLong((CollectionTask task) -> task.plan().estimatedStorageBytes()).reversed())
                .toList();
        long base = usedBytes + permanent;
        long whole = base + staged.stream().mapToLong(task -> task.plan().estimatedStorageBytes()).sum();
        long current = base;
        long oneAtATime = base;
        for (CollectionTask task : staged) {
            long size = task.plan().estimatedStorageBytes();
            oneAtATime = Math.max(oneAtATime, current + size);
            current = current - standbyBytes.getOrDefault(task.name(), 0L) + size;
        }
        long after = current;
        if (limits.storageBytes().isEmpty()) {
            return result(StoragePlan.Strategy.WHOLE, usedBytes, whole, after, null,
                    "no storage limit is known (TARGET_TIER, TARGET_STORAGE_LIMIT_MB): every staged collection is swapped in at once");
        }
        long limit = limits.storageBytes().getAsLong();
        int slots = limits.maxCollections().isPresent() ? limits.maxCollections().getAsInt() - collectionsNow : Integer.MAX_VALUE;
        boolean wholeFitsSlots = newCollections + staged.size() <= slots;
        boolean oneFitsSlots = newCollections + (staged.isEmpty() ? 0 : 1) <= slots;
        if (whole <= limit && wholeFitsSlots) {
            return result(StoragePlan.Strategy.WHOLE, usedBytes, whole, after, limit, "the whole database staged at once fits: "
                    + mb(whole) + " MB at peak of " + mb(limit) + " MB");
        }
        if (oneAtATime <= limit && oneFitsSlots) {
            String why = whole > limit ? "the whole database staged at once needs " + mb(whole) + " MB at peak, over the limit"
                    + " of " + mb(limit) + " MB" : "staging every collection at once needs " + staged.size()
                    + " more collections, the standby has room for " + slots;
            return result(StoragePlan.Strategy.PER_COLLECTION, usedBytes, oneAtATime, after, limit, why
                    + "; one collection at a time, largest first, needs " + mb(oneAtATime) + " MB at peak (each collection is"
                    + " all-old or all-new; the database mixes two runs until this one ends)");
        }
        if (!oneFitsSlots) {
            throw new DoesNotFit("the run needs " + (newCollections + 1) + " more collections on the standby, which has room for "
                    + Math.max(0, slots) + " (TARGET_MAX_COLLECTIONS); exclude collections (SYNC_EXCLUDE) or drop some on the standby");
        }
        throw new DoesNotFit("needs " + mb(Math.min(whole, oneAtATime)) + " MB at peak, limit " + mb(limit) + " MB (the standby"
                + " holds " + mb(usedBytes) + " MB now); use delta mode (SYNC_MODE=auto writes only what changed), a larger"
                + " standby, or exclude collections (SYNC_EXCLUDE)");
    }

    private static StoragePlan result(StoragePlan.Strategy strategy, long used, long peak, long after, Long limit,
                                      String reason) {
        return new StoragePlan(strategy, mb(used), mb(peak), mb(after), limit == null ? null : mb(limit), reason);
    }

    private static long mb(long bytes) {
        return (bytes + MB - 1) / MB;
    }

    private StoragePlanner() {
    }
}
