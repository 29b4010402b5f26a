package io.dbsync.testkit.atlas;

import java.util.Locale;

/**
 * The limits of one Atlas shared tier, as its documentation states them (mongodb/docs,
 * {@code content/atlas/source/reference/free-shared-limitations.txt} and {@code flex-limitations.txt}):
 * storage quota (uncompressed BSON of all documents plus index bytes, over all databases), operations
 * per second, at most 500 collections and 100 databases in total, namespaces ({@code db.collection}) of
 * at most 95 bytes, database names of at most 38 bytes, documents nested at most 50 levels.
 *
 * <p>Immutable; the {@code with…} methods return a changed copy. {@link #newBackend()} builds the
 * mongo-java-server backend that enforces it; {@link AtlasServer} starts a server with it.
 *
 * @param name                 what the demo and the benchmark print, e.g. {@code atlas-m0}
 * @param quotaBytes           storage quota in bytes ({@code MB} here is 1024 × 1024 bytes, as Atlas counts it)
 * @param opsPerSecond         operations per second before excess operations are queued; 0 = unlimited
 * @param maxCollections       collections over all databases
 * @param maxDatabases         databases holding at least one collection ({@code admin}, {@code local}, {@code config} not counted)
 * @param maxNamespaceBytes    UTF-8 bytes of {@code db.collection}
 * @param maxDatabaseNameBytes UTF-8 bytes of a database name
 * @param maxNestingDepth      levels of nesting in a stored document (a top-level field is level 1)
 */
public record AtlasProfile(String name, long quotaBytes, int opsPerSecond, int maxCollections, int maxDatabases,
                           int maxNamespaceBytes, int maxDatabaseNameBytes, int maxNestingDepth) {

    /** One megabyte as Atlas's quota message counts it. */
    public static final long MEGABYTE = 1024L * 1024L;

    public AtlasProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an Atlas profile needs a name");
        }
        requireAtLeast("quota bytes", quotaBytes, 1);
        requireAtLeast("operations per second", opsPerSecond, 0);
        requireAtLeast("maximum collections", maxCollections, 1);
        requireAtLeast("maximum databases", maxDatabases, 1);
        requireAtLeast("maximum namespace bytes", maxNamespaceBytes, 3);
        requireAtLeast("maximum database name bytes", maxDatabaseNameBytes, 1);
        requireAtLeast("maximum nesting depth", maxNestingDepth, 1);
    }

    /** Atlas M0 (free cluster): 512 MB, 100 operations per second. */
    public static AtlasProfile m0() {
        return new AtlasProfile("atlas-m0", 512 * MEGABYTE, 100, 500, 100, 95, 38, 50);
    }

    /** Atlas Flex: 5 GB, 500 operations per second, otherwise M0's limits. */
    public static AtlasProfile flex() {
        return new AtlasProfile("atlas-flex", 5 * 1024 * MEGABYTE, 500, 500, 100, 95, 38, 50);
    }

    /**
     * The preset with this name: {@code atlas-m0} (or {@code m0}) and {@code atlas-flex} (or {@code flex}),
     * case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static AtlasProfile named(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "atlas-m0", "m0" -> m0();
            case "atlas-flex", "flex" -> flex();
            default -> throw new IllegalArgumentException(
                    "unknown Atlas profile '" + name + "': expected atlas-m0 or atlas-flex");
        };
    }

    /** This profile with a storage quota of {@code megabytes} × 1024 × 1024 bytes. */
    public AtlasProfile withQuotaMegabytes(long megabytes) {
        requireAtLeast("quota megabytes", megabytes, 1);
        return withQuotaBytes(Math.multiplyExact(megabytes, MEGABYTE));
    }

    /** This profile with a storage quota in bytes (for tests that fill a quota quickly). */
    public AtlasProfile withQuotaBytes(long bytes) {
        return new AtlasProfile(name, bytes, opsPerSecond, maxCollections, maxDatabases, maxNamespaceBytes,
                maxDatabaseNameBytes, maxNestingDepth);
    }

    /** This profile with another operations budget; 0 = unlimited (fast tests). */
    public AtlasProfile withOpsPerSecond(int perSecond) {
        return new AtlasProfile(name, quotaBytes, perSecond, maxCollections, maxDatabases, maxNamespaceBytes,
                maxDatabaseNameBytes, maxNestingDepth);
    }

    /** This profile with another limit on collections over all databases. */
    public AtlasProfile withMaxCollections(int collections) {
        return new AtlasProfile(name, quotaBytes, opsPerSecond, collections, maxDatabases, maxNamespaceBytes,
                maxDatabaseNameBytes, maxNestingDepth);
    }

    /** The quota in whole megabytes, as the quota error message prints it. */
    public long quotaMegabytes() {
        return quotaBytes / MEGABYTE;
    }

    /** A mongo-java-server backend (in memory) that enforces this profile. */
    public AtlasBackend newBackend() {
        return new AtlasBackend(this);
    }

    /** One line for people: {@code atlas-m0 (quota 512 MB, 100 ops/s, 500 collections, 100 databases)}. */
    public String describe() {
        String budget = opsPerSecond == 0 ? "unlimited ops/s" : opsPerSecond + " ops/s";
        return name + " (quota " + quotaMegabytes() + " MB, " + budget + ", " + maxCollections + " collections, "
                + maxDatabases + " databases)";
    }

    private static void requireAtLeast(String what, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + " must be at least " + minimum + ", got " + value);
        }
    }
}
