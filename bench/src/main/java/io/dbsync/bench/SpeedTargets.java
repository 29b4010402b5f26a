package io.dbsync.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * Issue 17's figures and targets: the small database far away ({@link RttScenario}) summarised with its
 * round trips, and the verdicts on the tools anchor, the quick run's full sync over the insert limit,
 * and the 20 ms round-trip runs. A verdict on a figure measured in other conditions than the target's
 * says so instead of comparing.
 */
final class SpeedTargets {
    static final double TOOLS_RATIO_MIN = 1.0;
    static final double QUICK_FULL_OVER_LIMIT_MAX = 2.0;
    static final double RTT_FULL_MAX_SECONDS = 0.8;
    static final double RTT_DELTA_MAX_SECONDS = 0.5;
    static final double RTT_SEED_RATIO_MIN = 50;
    static final double TARGET_RTT_MS = 20;
    static final long TARGET_RTT_DOCS = 2_000;
    static final long QUICK_DOCS = 20_000;

    private SpeedTargets() {
    }

    /** The round-trip runs in one place: seconds, requests and sequential round trips of each. */
    static Map<String, Object> rttSummary(BenchOptions options, DataLoader.Loaded loaded, Map<String, Object> far) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rttMs", options.rttMs());
        out.put("docs", loaded.documents());
        out.put("collections", DataGenerator.SPECS.size());
        out.put("bytes", loaded.bytes());
        Double full = Measurements.seconds(map(far.get("fullSync")));
        Double seed = Measurements.seconds(map(far.get("seed")));
        out.put("fullSyncSeconds", full);
        out.put("unchangedDeltaSeconds", Measurements.seconds(map(far.get("unchangedDelta"))));
        out.put("seedSeconds", seed);
        out.put("seedOverFullSync", Report.ratio(seed, full));
        for (String run : List.of("fullSync", "unchangedDelta", "seed")) {
            Map<String, Object> measured = map(far.get(run));
            Map<String, Object> figures = new LinkedHashMap<>();
            if (measured.get("modes") != null) {
                figures.put("modes", measured.get("modes"));
            }
            Map<String, Object> relay = RttScenario.relayOf(measured);
            figures.put("requests", relay == null ? null : relay.get("requests"));
            figures.put("sequentialRoundTrips", relay == null ? null : relay.get("sequentialRoundTrips"));
            figures.put("awaitedRoundTrips", relay == null ? null : relay.get("awaitedRoundTrips"));
            figures.put("relay", relay);
            if (measured.get("runs") instanceof List<?> runs && !runs.isEmpty() && runs.get(runs.size() - 1) instanceof Map<?, ?> last) {
                for (String field : RunFigures.OPTIONAL_RUN_FIELDS) {
                    if (last.get(field) != null) {
                        figures.put(field, last.get(field)); // the API's own traffic and phases, when it reports them
                    }
                }
                figures.put("collections", last.get("collections"));
            }
            out.put(run, figures);
        }
        return out;
    }

    static Map<String, Object> targets(BenchOptions options, Map<String, Object> out, Object details) {
        Map<String, Object> targets = new LinkedHashMap<>();
        Map<String, Object> anchor = map(out.get("anchor"));
        targets.put("toolsOverFullSync >= " + TOOLS_RATIO_MIN + " (100k × 1 KB, tools pipe / dbsync full run)",
                anchor.containsKey("skipped") ? "NOT MEASURED (no --mongo-tools)"
                        : verdict(Report.number(anchor.get("toolsOverFullSync")), r -> r >= TOOLS_RATIO_MIN,
                        Boolean.TRUE.equals(anchor.get("noisy"))));
        String quick = "quick run (20k docs): fullSyncOverInsertLimit <= " + QUICK_FULL_OVER_LIMIT_MAX;
        targets.put(quick, options.docs() != QUICK_DOCS ? "NOT MEASURED (" + options.docs() + " docs, not 20,000)"
                : verdict(Report.number(out.get("fullSyncOverInsertLimit")), r -> r <= QUICK_FULL_OVER_LIMIT_MAX,
                noisy(details, "fullSync", "insertLimit")));
        Map<String, Object> rtt = map(out.get("rtt"));
        String conditions = "2,000 docs in 5 collections at 20 ms RTT";
        boolean applies = options.rttMs() == TARGET_RTT_MS && Report.number(rtt.get("docs")) != null
                && Report.number(rtt.get("docs")) == TARGET_RTT_DOCS;
        String elsewhere = "NOT MEASURED (measured " + rtt.get("docs") + " docs at " + options.rttMs() + " ms)";
        targets.put(conditions + ": full run <= " + RTT_FULL_MAX_SECONDS + " s", !applies ? elsewhere
                : verdict(Report.number(rtt.get("fullSyncSeconds")), s -> s <= RTT_FULL_MAX_SECONDS, noisy(details, "fullSyncRtt")));
        targets.put(conditions + ": unchanged delta <= " + RTT_DELTA_MAX_SECONDS + " s", !applies ? elsewhere
                : verdict(Report.number(rtt.get("unchangedDeltaSeconds")), s -> s <= RTT_DELTA_MAX_SECONDS,
                noisy(details, "deltaSyncRtt")));
        targets.put(conditions + ": seed / dbsync >= " + RTT_SEED_RATIO_MIN, !applies ? elsewhere
                : verdict(Report.number(rtt.get("seedOverFullSync")), r -> r >= RTT_SEED_RATIO_MIN,
                noisy(details, "fullSyncRtt", "seedRtt")));
        return targets;
    }

    private static String verdict(Double value, DoublePredicate ok, boolean noisy) {
        if (value == null) {
            return "NOT MEASURED (the measurement failed; see details)";
        }
        String verdict = (ok.test(value) ? "MET" : "MISSED") + " (" + value + ")";
        return noisy ? verdict + " (unreliable: measured while other processes used the CPU)" : verdict;
    }

    private static boolean noisy(Object details, String... inputs) {
        Map<String, Object> all = map(details);
        for (String input : inputs) {
            if (Boolean.TRUE.equals(map(all.get(input)).get("noisy"))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
