package io.dbsync.bench;

import io.dbsync.testkit.atlas.AtlasProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@link BenchServer} child runs: its name, the relay's one-way delay, its longest life, whether
 * its collections have change streams, and optionally an Atlas shared-tier profile (testkit's
 * {@link AtlasProfile}) with a storage quota and an operations budget. It is the child's command line:
 * {@code <name> <oneWayMicros> <maxLifetimeSeconds> [--oplog] [--atlas m0|flex] [--quota-mb N] [--ops-per-second N]}.
 *
 * @param atlas         {@code m0}, {@code flex} (or {@code atlas-m0}, {@code atlas-flex}), or null for a plain server
 * @param quotaMb       the profile's quota in MB of 1024 × 1024 bytes; 0 keeps the tier's own
 * @param opsPerSecond  the profile's operations budget; -1 keeps the tier's own, 0 is unlimited
 */
record ServerSpec(String name, long oneWayMicros, long maxLifetimeSeconds, boolean oplog, String atlas, long quotaMb,
                  int opsPerSecond) {

    static ServerSpec plain(String name, long oneWayMicros, long maxLifetimeSeconds) {
        return new ServerSpec(name, oneWayMicros, maxLifetimeSeconds, false, null, 0, -1);
    }

    ServerSpec withOplog(boolean on) {
        return new ServerSpec(name, oneWayMicros, maxLifetimeSeconds, on, atlas, quotaMb, opsPerSecond);
    }

    ServerSpec withAtlas(String tier, long quotaMegabytes, int budget) {
        ServerSpec spec = new ServerSpec(name, oneWayMicros, maxLifetimeSeconds, oplog, tier, quotaMegabytes, budget);
        spec.profile(); // an unknown tier fails here, in the harness, with the profile's own message
        return spec;
    }

    /** The Atlas profile this server enforces, or null. */
    AtlasProfile profile() {
        if (atlas == null) {
            return null;
        }
        AtlasProfile profile = AtlasProfile.named(atlas);
        if (quotaMb > 0) {
            profile = profile.withQuotaMegabytes(quotaMb);
        }
        return opsPerSecond >= 0 ? profile.withOpsPerSecond(opsPerSecond) : profile;
    }

    List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of(name, Long.toString(oneWayMicros), Long.toString(maxLifetimeSeconds)));
        if (oplog) {
            args.add("--oplog");
        }
        if (atlas != null) {
            args.addAll(List.of("--atlas", atlas, "--quota-mb", Long.toString(quotaMb), "--ops-per-second",
                    Integer.toString(opsPerSecond)));
        }
        return args;
    }

    static ServerSpec parse(String[] argv) {
        if (argv.length < 3) {
            throw new IllegalArgumentException("usage: BenchServer <name> <oneWayMicros> <maxLifetimeSeconds> [--oplog] "
                    + "[--atlas m0|flex] [--quota-mb N] [--ops-per-second N]");
        }
        Args options = new Args(Arrays.copyOfRange(argv, 3, argv.length));
        ServerSpec spec = new ServerSpec(argv[0], Long.parseLong(argv[1]), Long.parseLong(argv[2]), options.has("oplog"),
                null, 0, -1);
        return options.has("atlas") ? spec.withAtlas(options.get("atlas"), options.longValue("quota-mb", 0),
                options.integer("ops-per-second", -1)) : spec;
    }
}
