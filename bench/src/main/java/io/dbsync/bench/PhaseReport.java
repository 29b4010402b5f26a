package io.dbsync.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run's time goes, when the API reports it: the {@code phases} of the last timed run of the full
 * sync (direct connections) and of the full and unchanged-delta runs through the relay, side by side in
 * latest.json under {@code phases} and printed as a table. Absent phases are said to be absent.
 */
final class PhaseReport {
    private PhaseReport() {
    }

    static Map<String, Object> collect(Object details, double rttMs) {
        Map<String, Object> all = SpeedTargets.map(details);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fullSync (0 ms)", lastPhases(all.get("fullSync")));
        out.put("fullSync (" + rttMs + " ms)", lastPhases(all.get("fullSyncRtt")));
        out.put("unchangedDelta (" + rttMs + " ms)", lastPhases(all.get("deltaSyncRtt")));
        return out;
    }

    private static Object lastPhases(Object measurement) {
        if (SpeedTargets.map(measurement).get("runs") instanceof List<?> runs && !runs.isEmpty()
                && SpeedTargets.map(runs.get(runs.size() - 1)).get("phases") instanceof List<?> phases) {
            return phases;
        }
        return "the API reported no phases";
    }

    static void print(Map<String, Object> phases) {
        phases.forEach((run, value) -> {
            if (!(value instanceof List<?> list)) {
                System.out.println("phases of " + run + ": " + value);
                return;
            }
            System.out.printf("phases of %s:%n  %-24s %8s %10s %10s%n", run, "phase", "ms", "source ops", "standby ops");
            for (Object item : list) {
                Map<String, Object> phase = SpeedTargets.map(item);
                System.out.printf("  %-24s %8s %10s %10s%n", phase.get("name"), phase.get("ms"), phase.get("sourceOperations"),
                        phase.get("standbyOperations"));
            }
        });
    }
}
