package io.dbsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dbsync.api.config.SyncSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adds ratios and target verdicts, writes the results JSON and prints the table. */
final class Report {
    static final double FULL_OVER_LIMIT_MAX = 1.15;
    static final double SEED_OVER_FULL_MIN = 4;
    static final double SEED_OVER_FULL_RTT_MIN = 20;
    static final long ONE_GB = 1_000_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    @SuppressWarnings("unchecked")
    static void writeMain(BenchOptions options, Map<String, Object> measured) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", Instant.now().toString());
        out.put("mode", options.mode());
        out.put("machine", machine());
        out.put("docBytes", options.docBytes());
        out.put("repeat", options.repeat());
        out.put("engineDefaults", defaults());
        out.putAll(measured);
        Object details = out.remove("details");
        Object foreign = out.remove("foreignCpuSeconds");
        ((Map<String, Object>) out.get("machine")).put("foreignCpuSecondsDuringRun", foreign);
        out.remove("memoryCheck");
        out.put("memoryCheck", measured.get("memoryCheck"));

        Double full = number(out.get("fullSyncSeconds"));
        Double seedRtt = number(out.get("seedSecondsRtt1ms"));
        out.put("fullSyncOverInsertLimit", ratio(full, number(out.get("insertLimitSeconds"))));
        out.put("seedOverFullSync", ratio(number(out.get("seedSeconds")), full));
        out.put("seedOverFullSyncRtt1ms", ratio(seedRtt, number(out.get("fullSyncSecondsRtt1ms"))));
        out.put("fullSyncOverInsertLimitFastest", fastestRatio(details));

        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("fullSyncOverInsertLimit <= " + FULL_OVER_LIMIT_MAX, verdict(number(out.get("fullSyncOverInsertLimit")),
                r -> r <= FULL_OVER_LIMIT_MAX, details, "fullSync", "insertLimit"));
        targets.put("seedOverFullSync >= " + SEED_OVER_FULL_MIN, verdict(number(out.get("seedOverFullSync")),
                r -> r >= SEED_OVER_FULL_MIN, details, "seed", "fullSync"));
        targets.put("seedOverFullSyncRtt1ms >= " + SEED_OVER_FULL_RTT_MIN, options.rttMs() != 1
                ? "NOT MEASURED (the relay's round trip was " + options.rttMs() + " ms; issue 17's targets below)"
                : verdict(number(out.get("seedOverFullSyncRtt1ms")), r -> r >= SEED_OVER_FULL_RTT_MIN, details, "seedRtt", "fullSyncRtt"));
        targets.put("memoryCheck: >= 1 GB under -Xmx256m completes, with its restore point written and restored", memoryVerdict(out.get("memoryCheck")));
        out.put("targets", targets);
        out.put("targetsIssue17", SpeedTargets.targets(options, out, details));
        out.put("phases", PhaseReport.collect(details, options.rttMs()));
        out.put("noisyMeasurements", noisy(details));
        out.put("details", details);

        Path file = options.resultsDir().resolve("latest.json");
        keepEarlier(file, out, "churn"); // measured by --churn on its own; its generatedAt says when
        keepEarlier(file, out, "restorePoints"); // --restore-points, likewise
        JSON.writeValue(file.toFile(), out);
        // Also kept under the mode's name, so a --quick run does not hide the last full run's figures.
        Path byMode = options.resultsDir().resolve(options.mode() + ".json");
        JSON.writeValue(byMode.toFile(), out);
        printMain(out);
        System.out.println("bench: wrote " + file + " and " + byMode);
    }

    static void writeTune(BenchOptions options, Map<String, Object> tune) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", Instant.now().toString());
        out.put("machine", machine());
        out.put("docBytes", options.docBytes());
        out.put("repeat", options.repeat());
        out.put("engineDefaults", defaults());
        out.putAll(tune);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> grid = (List<Map<String, Object>>) tune.get("grid");
        Map<String, Object> best = grid.stream().filter(cell -> cell.get("fullSyncSeconds") != null)
                .min((a, b) -> Double.compare(number(a.get("fullSyncSeconds")), number(b.get("fullSyncSeconds"))))
                .orElse(Map.of());
        out.put("best", best);
        Path file = options.resultsDir().resolve("tune.json");
        JSON.writeValue(file.toFile(), out);
        System.out.println();
        System.out.printf("%-22s %-16s %-16s %s%n", "writersPerCollection", "batchDocuments", "fullSyncSeconds", "× insertLimit");
        Double limit = number(tune.get("insertLimitSeconds"));
        for (Map<String, Object> cell : grid) {
            System.out.printf("%-22s %-16s %-16s %s%n", cell.get("writersPerCollection"), cell.get("batchDocuments"),
                    cell.get("fullSyncSeconds"), ratio(number(cell.get("fullSyncSeconds")), limit));
        }
        System.out.println("insertLimitSeconds (defaults): " + limit + "; best: " + best);
        System.out.println("bench: wrote " + file);
    }

    static void writeMemoryCheck(BenchOptions options, Map<String, Object> check) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", Instant.now().toString());
        out.put("machine", machine());
        out.put("memoryCheck", check);
        out.put("verdict", memoryVerdict(check));
        Path file = options.resultsDir().resolve("memory-check.json");
        JSON.writeValue(file.toFile(), out);
        System.out.println("memoryCheck: " + check + " -> " + out.get("verdict"));
        System.out.println("bench: wrote " + file);
    }

    private static void printMain(Map<String, Object> out) {
        System.out.println();
        System.out.printf("dbsync benchmark: %s docs, %.1f MB (rtt sub-run: %s docs), %s cores%n",
                out.get("docs"), number(out.get("bytes")) / 1e6, out.get("rttDocs"), Runtime.getRuntime().availableProcessors());
        String row = "%-28s %12s%n";
        for (String key : List.of("scanSeconds", "insertLimitSeconds", "fullSyncSeconds", "digestSyncSeconds", "seedSeconds",
                "rttMs", "rttDocs", "fullSyncSecondsRtt1ms", "seedSecondsRtt1ms", "peakHeapMB", "peakLiveHeapMB",
                "fullSyncOverInsertLimit", "seedOverFullSync",
                "seedOverFullSyncRtt1ms")) {
            System.out.printf(row, key, out.get(key));
        }
        System.out.printf(row, "memoryCheck", out.get("memoryCheck"));
        System.out.println();
        @SuppressWarnings("unchecked")
        Map<String, Object> targets = (Map<String, Object>) out.get("targets");
        targets.forEach((target, verdict) -> System.out.printf("%-52s %s%n", target, verdict));
        Map<String, Object> rtt = SpeedTargets.map(out.get("rtt"));
        System.out.println();
        for (String run : List.of("fullSync", "unchangedDelta", "seed")) {
            Map<String, Object> figures = SpeedTargets.map(rtt.get(run));
            System.out.printf("at %s ms: %-16s %8s s  requests %-6s sequential round trips %-6s (awaited time / RTT %s)%n",
                    rtt.get("rttMs"), run, rtt.get(run.equals("unchangedDelta") ? "unchangedDeltaSeconds" : run + "Seconds"),
                    figures.get("requests"), figures.get("sequentialRoundTrips"), figures.get("awaitedRoundTrips"));
        }
        Map<String, Object> anchor = SpeedTargets.map(out.get("anchor"));
        System.out.println("tools anchor: " + (anchor.containsKey("skipped") ? anchor.get("reason")
                : "tools " + anchor.get("toolsPipeSeconds") + " s, dbsync " + anchor.get("fullSyncSeconds")
                + " s, toolsOverFullSync " + anchor.get("toolsOverFullSync") + " " + anchor.getOrDefault("error", "")));
        SpeedTargets.map(out.get("targetsIssue17")).forEach((target, verdict) -> System.out.printf("%-72s %s%n", target, verdict));
        PhaseReport.print(SpeedTargets.map(out.get("phases")));
    }

    /** Carries a block another mode merged into latest.json over into the new one. */
    private static void keepEarlier(Path latest, Map<String, Object> out, String key) throws IOException {
        if (!out.containsKey(key) && latest.toFile().exists()) {
            var earlier = JSON.readTree(latest.toFile()).get(key);
            if (earlier != null) {
                out.put(key, JSON.convertValue(earlier, Object.class));
            }
        }
    }

    /** {@code --anchor-only}: anchor.json, and the figures under {@code anchor} in latest.json. */
    static void writeAnchor(BenchOptions options, Map<String, Object> anchor) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", Instant.now().toString());
        out.put("machine", machine());
        out.putAll(anchor);
        Path latest = writeBlock(options, "anchor.json", "anchor", out);
        System.out.println("tools anchor: tools " + out.get("toolsPipeSeconds") + " s " + out.get("toolsPipeRange") + ", dbsync "
                + out.get("fullSyncSeconds") + " s " + out.get("fullSyncRange") + ", toolsOverFullSync " + out.get("toolsOverFullSync")
                + " per pair " + out.get("toolsOverFullSyncPerPair") + (out.containsKey("error") ? ", error: " + out.get("error") : "")
                + (Boolean.TRUE.equals(out.get("noisy")) ? "  [NOISY]" : ""));
        System.out.println("bench: wrote " + options.resultsDir().resolve("anchor.json") + " and the anchor in " + latest);
    }

    /** Writes {@code out} to {@code file} and under {@code key} in latest.json, keeping the rest of latest.json. */
    static Path writeBlock(BenchOptions options, String file, String key, Map<String, Object> out) throws IOException {
        JSON.writeValue(options.resultsDir().resolve(file).toFile(), out);
        Path latest = options.resultsDir().resolve("latest.json");
        var root = latest.toFile().exists() ? (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(latest.toFile())
                : JSON.createObjectNode();
        root.set(key, JSON.valueToTree(out));
        JSON.writeValue(latest.toFile(), root);
        return latest;
    }

    /** Measurements during which other processes used the CPU (see CpuNoise), so their figures are suspect. */
    private static List<String> noisy(Object details) {
        if (!(details instanceof Map<?, ?> map)) {
            return List.of();
        }
        return map.entrySet().stream()
                .filter(e -> e.getValue() instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("noisy")))
                .map(e -> String.valueOf(e.getKey())).toList();
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }

    private static Map<String, Object> defaults() {
        SyncSettings d = SyncSettings.defaults();
        return Map.of("batchDocuments", d.batchDocuments(), "batchBytes", d.batchBytes(),
                "parallelCollections", d.parallelCollections(), "writersPerCollection", d.writersPerCollection());
    }

    private static String memoryVerdict(Object check) {
        if (!(check instanceof Map<?, ?> map) || map.containsKey("skipped")) {
            return "NOT RUN";
        }
        boolean bigEnough = number(map.get("dataBytes")) != null && number(map.get("dataBytes")) >= ONE_GB;
        // issue 15: the same run writes a restore point of every document, and that restore point restores
        boolean restored = map.get("restore") instanceof Map<?, ?> restore && Boolean.TRUE.equals(restore.get("countsEqualSource"))
                && Integer.valueOf(0).equals(restore.get("exitCode"));
        return Boolean.TRUE.equals(map.get("passed")) && bigEnough && Boolean.TRUE.equals(map.get("restorePointPassed"))
                && restored ? "MET" : "MISSED";
    }

    /** MET or MISSED, marked when a measurement it rests on was disturbed by other processes. */
    private static String verdict(Double value, java.util.function.DoublePredicate ok, Object details, String... inputs) {
        if (value == null) {
            return "NOT MEASURED";
        }
        String verdict = ok.test(value) ? "MET" : "MISSED";
        List<String> noisy = noisy(details).stream().filter(List.of(inputs)::contains).toList();
        return noisy.isEmpty() ? verdict : verdict + " (unreliable: " + String.join(", ", noisy) + " measured while other processes used the CPU)";
    }

    /** The same ratio from each figure's fastest sample instead of its median, to show the spread. */
    private static Double fastestRatio(Object details) {
        if (!(details instanceof Map<?, ?> map) || !(map.get("fullSync") instanceof Map<?, ?> full)
                || !(map.get("insertLimit") instanceof Map<?, ?> limit)
                || !(full.get("samples") instanceof List<?> fullSamples)
                || !(limit.get("engineShapeSamples") instanceof List<?> engine)
                || !(limit.get("flatSamples") instanceof List<?> flat)) {
            return null;
        }
        double fastestFull = fullSamples.stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(Double.NaN);
        double fastestLimit = java.util.stream.Stream.concat(engine.stream(), flat.stream())
                .mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(Double.NaN);
        return ratio(fastestFull, fastestLimit);
    }

    static Double ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : Stats.round(a / b, 2);
    }

    static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
