package io.dbsync.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --restore-points}: restore-points.json, the figures under {@code restorePoints} in latest.json, and a summary line. */
final class RestorePointReport {
    static final double COST_GOAL = 0.15;

    private RestorePointReport() {
    }

    static void write(BenchOptions options, Map<String, Object> figures) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", Instant.now().toString());
        out.put("machine", Report.machine());
        out.putAll(figures);
        double cost = ((Number) out.get("restorePointCost")).doubleValue();
        out.put("restorePointCostGoal", cost <= COST_GOAL ? "MET" : "MISSED");
        Path latest = Report.writeBlock(options, "restore-points.json", "restorePoints", out);
        System.out.printf("restore points (%s docs): full run %s s, with a gzip restore point %s s (%+.1f %%; goal <= +15 %%: %s),"
                        + " gzip-fast %s s (%+.1f %%); restore %s s = %s x the full run%s%n", out.get("docs"),
                out.get("fullSyncSeconds"), out.get("withRestorePointSeconds"), cost * 100, out.get("restorePointCostGoal"),
                out.get("withRestorePointGzipFastSeconds"), ((Number) out.get("restorePointCostGzipFast")).doubleValue() * 100,
                out.get("restoreSeconds"), out.get("restoreOverFullSync"),
                out.get("mongorestore") instanceof Map<?, ?> tools ? "; mongorestore of the same archive " + tools.get("seconds")
                        + " s" : "");
        System.out.println("bench: wrote " + options.resultsDir().resolve("restore-points.json") + " and restorePoints in "
                + latest);
    }
}
