package io.dbsync.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link AtlasBench}'s figures per run: the standby profile's counters and the wire's, and the table it prints. */
final class AtlasReport {
    private AtlasReport() {
    }

    /**
     * What the standby's profile counted during one run: operations (and by command), operations the
     * budget delayed and for how long, and the storage used after it, also as a share of the quota.
     */
    static Map<String, Object> profileDelta(Map<String, Object> before, Map<String, Object> after, long quotaBytes) {
        Map<String, Object> then = SpeedTargets.map(SpeedTargets.map(before).get("atlas"));
        Map<String, Object> now = SpeedTargets.map(SpeedTargets.map(after).get("atlas"));
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("operations", "insertedDocuments", "delayedOperations")) {
            out.put(key, number(now.get(key)) - number(then.get(key)));
        }
        out.put("delaySeconds", Stats.round(decimal(now.get("delaySeconds")) - decimal(then.get("delaySeconds")), 3));
        Map<String, Long> perCommand = new TreeMap<>();
        SpeedTargets.map(now.get("perCommand")).forEach((command, count) -> {
            long delta = number(count) - number(SpeedTargets.map(then.get("perCommand")).get(command));
            if (delta != 0) {
                perCommand.put(command, delta);
            }
        });
        out.put("perCommand", perCommand);
        long used = number(now.get("usedBytes"));
        out.put("usedBytesAfter", used);
        out.put("usedShareOfQuotaAfter", Stats.round((double) used / quotaBytes, 3));
        return out;
    }

    /** The wire's view, named as the API's {@code traffic} names its fields: source reads, standby writes and reads. */
    static Map<String, Object> wire(Map<String, Object> relay) {
        Map<String, Object> source = SpeedTargets.map(relay.get("source"));
        Map<String, Object> target = SpeedTargets.map(relay.get("target"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sourceOperations", source.get("requests"));
        out.put("standbyOperations", target.get("requests"));
        out.put("sourceBytesRead", source.get("bytesDown"));
        out.put("standbyBytesWritten", target.get("bytesUp"));
        out.put("standbyBytesRead", target.get("bytesDown"));
        return out;
    }

    static void print(Map<String, Object> out) {
        System.out.println();
        System.out.println("atlas: " + out.get("profile") + ", " + out.get("docs") + " documents, " + out.get("bsonBytes")
                + " BSON bytes, filling " + out.get("fill") + " of the quota");
        System.out.printf("%-28s %-10s %9s %12s %10s %14s %14s %14s  %s%n", "step", "status", "seconds", "standby ops",
                "delayed", "source read", "standby write", "standby read", "error / API traffic");
        for (Object item : (List<?>) out.get("steps")) {
            Map<String, Object> step = SpeedTargets.map(item);
            Map<String, Object> standby = SpeedTargets.map(step.get("standby"));
            Map<String, Object> wire = SpeedTargets.map(step.get("wire"));
            System.out.printf("%-28s %-10s %9s %12s %10s %14s %14s %14s  %s%n", step.get("step"), step.get("status"),
                    step.get("seconds"), standby.get("operations"), standby.get("delayedOperations"),
                    wire.get("sourceBytesRead"), wire.get("standbyBytesWritten"), wire.get("standbyBytesRead"),
                    step.containsKey("error") ? step.get("error")
                            : RunFigures.hasTraffic(step) ? step.get("traffic") : "(the API reports no traffic)");
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static double decimal(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }
}
