package io.dbsync.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --tune}: full-sync time over writers per collection × batch documents, on the same data. */
final class TuneGrid {
    private final BenchOptions options;
    private final Measurements measure;
    private final BenchMain bench;

    TuneGrid(BenchOptions options, Measurements measure, BenchMain bench) {
        this.options = options;
        this.measure = measure;
        this.bench = bench;
    }

    Map<String, Object> run(ChildArgs args) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        ServerProcess[] servers = bench.servers(options.docs() + options.warmupDocs());
        try (ServerProcess source = servers[0]; ServerProcess target = servers[1]) {
            DataLoader.Loaded main = bench.load(source, target, BenchMain.MAIN_DB, options.docs(), true, DataGenerator.SPECS);
            bench.load(source, target, BenchMain.WARMUP_DB, options.warmupDocs(), false, DataGenerator.SPECS);
            BenchMain.warmServers(source, target);
            out.put("docs", main.documents());
            out.put("bytes", main.bytes());
            out.put("insertLimitSeconds", Measurements.seconds(measure.client("insert-limit", BenchMain.heapFor(main.bytes(), 4),
                    args.insertLimit(source, target, BenchMain.MAIN_DB))));
            List<Map<String, Object>> grid = new ArrayList<>();
            for (int writers : options.tuneWriters()) {
                for (int batch : options.tuneBatches()) {
                    List<String> syncArgs = new ArrayList<>(args.sync(source, target, BenchMain.MAIN_DB, false, "count"));
                    syncArgs.addAll(List.of("--writers", Integer.toString(writers), "--batch-docs", Integer.toString(batch)));
                    Map<String, Object> run = measure.sync("tune-w" + writers + "-b" + batch, options.syncXmx(), syncArgs);
                    Map<String, Object> cell = new LinkedHashMap<>();
                    cell.put("writersPerCollection", writers);
                    cell.put("batchDocuments", batch);
                    cell.put("fullSyncSeconds", Measurements.seconds(run));
                    cell.put("samples", run.get("samples"));
                    cell.put("peakHeapMB", run.get("peakHeapMB"));
                    grid.add(cell);
                    System.out.println("bench: tune writers=" + writers + " batchDocuments=" + batch + " -> "
                            + Measurements.seconds(run) + " s");
                }
            }
            out.put("grid", grid);
        }
        return out;
    }
}
