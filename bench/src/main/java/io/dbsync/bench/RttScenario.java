package io.dbsync.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small database far away (issue 17): through the relays' round trip, a dbsync full run, a delta run
 * of the same unchanged database ({@code auto} after an untimed first run), and the seed's algorithm,
 * each with the requests and sequential round trips the relays counted ({@link RelayTraffic}).
 */
final class RttScenario {
    private RttScenario() {
    }

    static Map<String, Object> run(Measurements measure, ChildArgs args, BenchOptions options, ServerProcess source,
                                   ServerProcess target, String db) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fullSync", measure.sync("full-sync-rtt", options.syncXmx(), args.sync(source, target, db, true, "count")));
        out.put("unchangedDelta", measure.sync("delta-sync-rtt", options.syncXmx(), args.unchangedDelta(source, target, db, true)));
        out.put("seed", measure.client("seed-rtt", "1024m", args.seed(source, target, db, true)));
        return out;
    }

    /** The last timed run's relay figures of a measurement, or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> relayOf(Object measurement) {
        if (measurement instanceof Map<?, ?> result) {
            if (result.get("relay") instanceof Map<?, ?> relay) {
                return (Map<String, Object>) relay;
            }
            if (result.get("runs") instanceof java.util.List<?> runs && !runs.isEmpty()
                    && runs.get(runs.size() - 1) instanceof Map<?, ?> last && last.get("relay") instanceof Map<?, ?> relay) {
                return (Map<String, Object>) relay;
            }
        }
        return null;
    }
}
