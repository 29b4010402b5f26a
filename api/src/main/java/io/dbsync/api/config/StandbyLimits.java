package io.dbsync.api.config;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the standby can hold, when it is known: its storage quota (uncompressed BSON plus index
 * bytes, as Atlas counts it), how many collections it may have, how long a namespace and a
 * database name may be, and its transfer allowance. {@code TARGET_TIER=m0|flex} sets Atlas's free
 * and Flex limits; the other variables override one limit each.
 *
 * @param tier                 {@code m0}, {@code flex}, or null when not an Atlas shared tier
 * @param maxNamespaceBytes    {@code db.collection} at most this long (Atlas shared tiers: 95; MongoDB: 255)
 * @param transferBytesPerWeek what may cross to and from the cluster in a rolling 7 days, when known
 */
public record StandbyLimits(String tier, OptionalLong storageBytes, OptionalInt maxCollections, int maxNamespaceBytes,
                            OptionalInt maxDatabaseNameBytes, OptionalLong transferBytesPerWeek) {

    private static final long MB = 1024L * 1024;
    private static final long GB = 1024L * MB;

    public static StandbyLimits none() {
        return new StandbyLimits(null, OptionalLong.empty(), OptionalInt.empty(), 255, OptionalInt.empty(),
                OptionalLong.empty());
    }

    /** Atlas's shared tiers: M0 holds 512 MB, Flex 5 GB; both 500 collections, 95-byte namespaces, 38-byte names. */
    public static StandbyLimits atlas(String tier) {
        long storage = tier.equals("flex") ? 5 * GB : 512 * MB;
        return new StandbyLimits(tier, OptionalLong.of(storage), OptionalInt.of(500), 95, OptionalInt.of(38),
                OptionalLong.of(10 * GB));
    }

    static StandbyLimits fromEnv(EnvReader reader) {
        String tier = reader.optional("TARGET_TIER");
        StandbyLimits limits = none();
        if (tier != null) {
            String normal = tier.trim().toLowerCase(Locale.ROOT).replace("atlas-", "");
            if (!normal.equals("m0") && !normal.equals("flex")) {
                throw new ConfigException("TARGET_TIER must be m0 or flex (Atlas's shared tiers); leave it unset otherwise");
            }
            limits = atlas(normal);
        }
        String storageMb = reader.optional("TARGET_STORAGE_LIMIT_MB");
        String collections = reader.optional("TARGET_MAX_COLLECTIONS");
        String transferGb = reader.optional("TARGET_TRANSFER_LIMIT_GB_PER_WEEK");
        return new StandbyLimits(limits.tier,
                storageMb == null ? limits.storageBytes : OptionalLong.of(reader.integer("TARGET_STORAGE_LIMIT_MB", 0, 1,
                        10_000_000) * MB),
                collections == null ? limits.maxCollections : OptionalInt.of(reader.integer("TARGET_MAX_COLLECTIONS", 0, 1,
                        1_000_000)),
                limits.maxNamespaceBytes, limits.maxDatabaseNameBytes,
                transferGb == null ? limits.transferBytesPerWeek : OptionalLong.of(reader.integer(
                        "TARGET_TRANSFER_LIMIT_GB_PER_WEEK", 0, 1, 1_000_000) * GB));
    }

    /** A standby database whose name the tier refuses is a configuration error, found at start-up. */
    public void checkDatabaseName(String database) {
        int bytes = database.getBytes(StandardCharsets.UTF_8).length;
        if (maxDatabaseNameBytes.isPresent() && bytes > maxDatabaseNameBytes.getAsInt()) {
            throw new ConfigException("the standby database name '" + database + "' is " + bytes + " bytes; Atlas "
                    + tier + " allows at most " + maxDatabaseNameBytes.getAsInt() + " (TARGET_DB or the URI's path)");
        }
    }
}
