package io.dbsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The memory check: the syncing JVM under {@code -Xmx256m} (by default) copies ≥ 1 GB of documents and
 * writes a restore point of all of them beside the copy (issue 15); then, with the standby dropped to
 * make room on the target server, {@code dbsync restore} brings that restore point back into an empty
 * database under the same heap, and its counts are checked against the source. With {@code --mongo-tools DIR},
 * mongorestore restores the same restore point too.
 */
final class MemoryCheck {
    private static final long SERVER_LIFETIME_SECONDS = 4 * 3600;
    private static final String DB = "bench_mem";

    private MemoryCheck() {
    }

    static Map<String, Object> run(Measurements measure, BenchOptions options, BenchMain bench, ChildArgs childArgs)
            throws Exception {
        double meanBytes = DataGenerator.meanDocumentBytes(options.docBytes());
        long docs = (long) Math.ceil(options.memoryBytes() / meanBytes);
        Map<String, Object> check = new LinkedHashMap<>();
        String xmx = BenchOptions.serverXmx(options.memoryBytes(), 1, 1.6);
        Path store = Files.createTempDirectory("dbsync-bench-memory-restore-point");
        try (ServerProcess source = ServerProcess.start(ServerSpec.plain("mem-source", 0, SERVER_LIFETIME_SECONDS), xmx,
                measure.logDir());
             ServerProcess target = ServerProcess.start(ServerSpec.plain("mem-target", 0, SERVER_LIFETIME_SECONDS), xmx,
                     measure.logDir())) {
            measure.watch(source, target);
            DataLoader.Loaded loaded = bench.load(source, target, DB, docs, false, DataGenerator.SPECS);
            check.put("dataBytes", loaded.bytes());
            check.put("docs", loaded.documents());
            check.put("xmx", options.memoryXmx());
            List<String> args = new ArrayList<>(List.of("--pg-jdbc", childArgs.jdbc(), "--source-uri", source.uri(DB),
                    "--source-db", DB, "--target-uri", target.uri(DB + "_standby"), "--target-db", DB + "_standby",
                    "--runs", "1", "--snapshot-uri", store.toUri().toString()));
            // Never repeated: the target is sized for one copy, and a second run would stage a second one.
            Map<String, Object> run = measure.measure("memory-check", options.memoryXmx(), SyncRunner.class.getName(), args, 0);
            check.put("passed", "completed".equals(run.get("status")));
            check.put("seconds", Measurements.seconds(run));
            if (run.containsKey("error")) {
                check.put("error", run.get("error"));
            } else {
                check.put("peakHeapMB", run.get("peakHeapMB"));
                check.put("peakHeapSampledMB", run.get("peakHeapSampledMB"));
                check.put("gcCount", run.get("gcCount"));
            }
            Map<String, Object> restorePoint = RestorePointScenario.snapshot(run);
            check.put("restorePoint", restorePoint);
            check.put("restorePointPassed", restorePoint != null && "written".equals(restorePoint.get("status"))
                    && Long.valueOf(loaded.documents()).equals(((Number) restorePoint.get("documents")).longValue()));
            check.put("loadSeconds", loaded.seconds());
            if (Boolean.TRUE.equals(check.get("restorePointPassed"))) {
                RestorePointScenario.dropDatabase(target, DB + "_standby");
                Map<String, Object> restore = measure.measure("memory-restore", options.memoryXmx(),
                        RestoreRunner.class.getName(), RestorePointScenario.restoreArgs(childArgs, target, store,
                                DB + "_restored"), 0);
                restore.put("countsEqualSource", CountCheck.equal(source.uri(DB), DB, target.uri(DB + "_restored"),
                        DB + "_restored"));
                check.put("restore", restore);
                if (options.mongoTools() != null) {
                    // mongorestore reads the same ≥ 1 GB restore point (written at the default compression)
                    RestorePointScenario.dropDatabase(target, DB + "_restored");
                    check.put("mongorestore", ToolsRestore.run(options.mongoTools(), measure.logDir(), store, source,
                            target, DB));
                }
            }
        } finally {
            RestorePointScenario.deleteTree(store);
        }
        return check;
    }
}
