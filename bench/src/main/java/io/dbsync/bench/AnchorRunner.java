package io.dbsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.Application;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.sync.ProgressListener;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools anchor's measuring JVM (issue 17): the real API, warmed up, and the
 * {@code mongodump | mongorestore} pipe ({@link ToolsPipe}) copying the same database onto the same
 * standby database, alternating, {@code --pairs} times. The order flips every pair (tools first, then
 * dbsync first), so neither always runs on a server that has just done the other's work. After every
 * pipe the standby's counts are compared with the source's: a pipe that copied nothing would be fast.
 * Prints {@code RESULT <json>}.
 */
public final class AnchorRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnchorRunner() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Lifeline.start("anchor", Duration.ofSeconds(args.longValue("max-seconds", 7200)));
        int pairs = args.integer("pairs", 3);
        ToolsPipe tools = new ToolsPipe(Path.of(args.get("mongo-tools")), Path.of(args.get("log-dir")));
        String db = args.get("source-db");
        String standby = args.get("target-db");
        List<List<String>> commands = tools.commands(args.get("source-server"), db, args.get("target-server"), standby);
        CpuMeter syncCpu = new CpuMeter(args.get("cpu-pids", ""));
        CpuMeter toolsCpu = new CpuMeter(args.get("cpu-pids", ""));
        List<Map<String, Object>> runs = new ArrayList<>();
        try (MongoClient source = MongoClients.create(args.get("source-uri"));
             MongoClient target = MongoClients.create(args.get("target-uri"))) {
            Map<String, Long> expected = CountCheck.counts(source.getDatabase(db));
            // The warm-up database goes through both once, untimed: the API's JIT, the tools' page cache.
            ToolsPipe.Result warmTools = tools.run("anchor-warmup", tools.commands(args.get("source-server"),
                    args.get("warmup-db"), args.get("target-server"), args.get("warmup-db") + "_standby"), 600);
            if (!warmTools.ok()) {
                throw new IllegalStateException("the tools pipe failed on the warm-up database: " + warmTools.failure());
            }
            ApiConfig warm = SyncRunner.config(args, args.get("warmup-source-uri"), args.get("warmup-db"),
                    args.get("warmup-target-uri"), args.get("warmup-db") + "_standby");
            try (Application app = Application.start(warm, ProgressListener.NONE)) {
                sync(new BenchApi(app));
            }
            ApiConfig config = SyncRunner.config(args, args.get("source-uri"), db, args.get("target-uri"), standby);
            try (Application app = Application.start(config, ProgressListener.NONE)) {
                BenchApi api = new BenchApi(app);
                for (int pair = 0; pair < pairs; pair++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("pair", pair + 1);
                    row.put("order", pair % 2 == 0 ? "tools, dbsync" : "dbsync, tools");
                    for (int step = 0; step < 2; step++) {
                        boolean toolsTurn = (step == 0) == (pair % 2 == 0);
                        if (toolsTurn) {
                            toolsCpu.begin();
                            ToolsPipe.Result pipe = tools.run("anchor-pair" + (pair + 1), commands, 1800);
                            toolsCpu.end();
                            if (!pipe.ok()) {
                                throw new IllegalStateException("the tools pipe failed: " + pipe.failure());
                            }
                            Map<String, Long> restored = CountCheck.counts(target.getDatabase(standby));
                            restored.keySet().retainAll(expected.keySet());
                            if (!restored.equals(expected)) {
                                throw new IllegalStateException("mongorestore left " + restored + ", the source has " + expected);
                            }
                            row.put("toolsPipeSeconds", Stats.round(pipe.seconds(), 3));
                        } else {
                            syncCpu.begin();
                            Map<String, Object> run = sync(api);
                            syncCpu.end();
                            row.put("fullSyncSeconds", run.get("seconds"));
                            row.put("fullSync", run);
                        }
                    }
                    row.put("toolsOverFullSync", Report.ratio((Double) row.get("toolsPipeSeconds"), (Double) row.get("fullSyncSeconds")));
                    System.out.println("anchor: pair " + (pair + 1) + " tools " + row.get("toolsPipeSeconds") + " s, dbsync "
                            + row.get("fullSyncSeconds") + " s");
                    runs.add(row);
                }
            }
            Map<String, Object> result = summary(runs);
            result.put("documents", expected);
            result.put("commands", commands);
            result.put("timedCpuSeconds", syncCpu.report()); // the noise check looks at the dbsync runs
            result.put("toolsCpuSeconds", toolsCpu.report()); // the tools' own CPU is under "rest"
            System.out.println("RESULT " + JSON.writeValueAsString(result));
        }
        System.exit(0);
    }

    /** Medians, their ratio, and the spread: each figure's range and the per-pair ratios. */
    static Map<String, Object> summary(List<Map<String, Object>> pairs) {
        List<Double> tools = new ArrayList<>();
        List<Double> sync = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Map<String, Object> pair : pairs) {
            tools.add((Double) pair.get("toolsPipeSeconds"));
            sync.add((Double) pair.get("fullSyncSeconds"));
            ratios.add((Double) pair.get("toolsOverFullSync"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seconds", Stats.median(sync)); // what BenchMain's measure() prints and checks
        out.put("toolsPipeSeconds", Stats.round(Stats.median(tools), 3));
        out.put("fullSyncSeconds", Stats.round(Stats.median(sync), 3));
        out.put("toolsOverFullSync", Report.ratio(Stats.median(tools), Stats.median(sync)));
        out.put("toolsPipeRange", List.of(min(tools), max(tools)));
        out.put("fullSyncRange", List.of(min(sync), max(sync)));
        out.put("toolsOverFullSyncPerPair", ratios);
        out.put("pairs", pairs);
        return out;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static Map<String, Object> sync(BenchApi api) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = api.sync("{\"mode\":\"full\"}");
        double seconds = Stats.seconds(started);
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"completed".equals(body.path("status").asText())) {
            throw new IllegalStateException("dbsync full run did not complete: HTTP " + response.statusCode() + " " + response.body());
        }
        return RunFigures.of(body, seconds);
    }
}
