package io.dbsync.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 15's figures ({@code --restore-points}): what writing a restore point adds to a full run, and
 * how fast {@code dbsync restore} brings the same data back compared with a full copy. Each round runs
 * a full sync without restore points, one writing {@code gzip} (mongodump's, the default) and one writing
 * {@code gzip-fast}, each in its own JVM, in an order that rotates so that none always goes first; then
 * restores the newest {@code gzip} restore point into an empty database through the command line and
 * checks its counts against the source. With {@code --mongo-tools DIR}, mongorestore restores the same
 * archive once as the anchor.
 */
final class RestorePointScenario {
    static final String DB = "bench_rp";
    static final String RESTORED_DB = "bench_rp_restored";
    private static final List<String> VARIANTS = List.of("none", "gzip", "gzip-fast");

    private RestorePointScenario() {
    }

    static Map<String, Object> run(Measurements measure, ChildArgs args, BenchOptions options, ServerProcess source,
                                   ServerProcess target, DataLoader.Loaded loaded) throws Exception {
        Path stores = Files.createTempDirectory("dbsync-bench-restore-points");
        try {
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            VARIANTS.forEach(variant -> seconds.put(variant, new ArrayList<>()));
            List<Double> restores = new ArrayList<>();
            List<Object> rounds = new ArrayList<>();
            Map<String, Object> lastWritten = null;
            // untimed: the standby gets its copy, so every timed run stages a second one as scheduled runs do
            measure.sync("rp-prime", options.syncXmx(), runOnce(args.sync(source, target, DB, false, "count")));
            for (int round = 0; round < options.repeat(); round++) {
                Map<String, Object> figures = new LinkedHashMap<>();
                for (int i = 0; i < VARIANTS.size(); i++) {
                    String variant = VARIANTS.get((i + round) % VARIANTS.size());
                    List<String> childArgs = runOnce(args.sync(source, target, DB, false, "count"));
                    if (!variant.equals("none")) {
                        childArgs.addAll(List.of("--snapshot-uri", stores.resolve(variant).toUri().toString(),
                                "--snapshot-compression", variant));
                    }
                    Map<String, Object> run = measure.sync("rp-" + variant + "-" + (round + 1), options.syncXmx(), childArgs);
                    // only runs that completed, with their restore point written, count towards the cost
                    boolean counts = "completed".equals(run.get("status")) && Measurements.seconds(run) != null
                            && (variant.equals("none") || snapshot(run) != null && "written".equals(snapshot(run).get("status")));
                    if (counts) {
                        seconds.get(variant).add(Measurements.seconds(run));
                    }
                    figures.put(variant, summary(run));
                    if (variant.equals("gzip")) {
                        lastWritten = snapshot(run);
                    }
                }
                dropDatabase(target, RESTORED_DB);
                Map<String, Object> restore = measure.measure("rp-restore-" + (round + 1), options.syncXmx(),
                        RestoreRunner.class.getName(), restoreArgs(args, target, stores.resolve("gzip"), RESTORED_DB),
                        options.retryNoisy());
                restore.put("countsEqualSource", CountCheck.equal(source.uri(DB), DB, target.uri(RESTORED_DB), RESTORED_DB));
                if (Integer.valueOf(0).equals(restore.get("exitCode")) && Boolean.TRUE.equals(restore.get("countsEqualSource"))) {
                    restores.add(Measurements.seconds(restore));
                }
                figures.put("restore", restore);
                rounds.add(figures);
            }
            if (seconds.values().stream().anyMatch(List::isEmpty) || restores.isEmpty()) {
                throw new IllegalStateException("a variant or the restore never succeeded: " + rounds);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("docs", loaded.documents());
            out.put("bytes", loaded.bytes());
            out.put("rounds", options.repeat());
            double plain = Stats.median(seconds.get("none"));
            out.put("fullSyncSeconds", plain);
            out.put("withRestorePointSeconds", Stats.median(seconds.get("gzip")));
            out.put("withRestorePointGzipFastSeconds", Stats.median(seconds.get("gzip-fast")));
            out.put("restorePointCost", Stats.round(Stats.median(seconds.get("gzip")) / plain - 1, 3));
            out.put("restorePointCostGzipFast", Stats.round(Stats.median(seconds.get("gzip-fast")) / plain - 1, 3));
            out.put("restoreSeconds", Stats.median(restores));
            out.put("restoreOverFullSync", Stats.round(Stats.median(restores) / plain, 3));
            out.put("restorePoint", lastWritten);
            out.put("samples", seconds);
            out.put("restoreSamples", restores);
            if (options.mongoTools() != null) {
                out.put("mongorestore", ToolsRestore.run(options.mongoTools(), measure.logDir(), stores.resolve("gzip"),
                        source, target, DB));
            }
            out.put("details", rounds);
            return out;
        } finally {
            deleteTree(stores);
        }
    }

    /** The same child arguments, one timed run (the harness alternates JVMs instead of repeating in one). */
    private static List<String> runOnce(List<String> sync) {
        List<String> args = new ArrayList<>(sync);
        args.addAll(List.of("--runs", "1"));
        return args;
    }

    static List<String> restoreArgs(ChildArgs args, ServerProcess target, Path store, String db) {
        return List.of("--pg-jdbc", args.jdbc(), "--snapshot-uri", store.toUri().toString(), "--target-uri", target.uri(db));
    }

    private static Map<String, Object> summary(Map<String, Object> run) {
        Map<String, Object> figures = new LinkedHashMap<>();
        for (String key : List.of("seconds", "status", "peakHeapMB", "noisy", "error")) {
            if (run.containsKey(key)) {
                figures.put(key, run.get(key));
            }
        }
        Map<String, Object> snapshot = snapshot(run);
        if (snapshot != null) {
            figures.put("snapshot", snapshot);
        }
        return figures;
    }

    /** The timed run's {@code snapshot} member, as the API answered it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> snapshot(Map<String, Object> run) {
        if (run.get("runs") instanceof List<?> runs && !runs.isEmpty() && runs.get(runs.size() - 1) instanceof Map<?, ?> last) {
            return (Map<String, Object>) last.get("snapshot");
        }
        return null;
    }

    static void dropDatabase(ServerProcess server, String db) {
        try (MongoClient client = MongoClients.create(server.uri(db))) {
            MongoDatabase database = client.getDatabase(db);
            database.drop();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
