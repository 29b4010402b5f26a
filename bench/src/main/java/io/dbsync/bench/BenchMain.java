package io.dbsync.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness (bench/run.sh). Loads generated data into two wire servers in their own
 * JVMs, then measures each figure in a fresh child JVM ({@link Measurements}), all on the same data,
 * and writes {@code bench/results/latest.json} (or {@code tune.json}, {@code memory-check.json},
 * {@code anchor.json}).
 */
public final class BenchMain {
    static final String MAIN_DB = "bench";
    static final String WARMUP_DB = "bench_warmup";
    static final String RTT_DB = "bench_rtt";
    private static final long SERVER_LIFETIME_SECONDS = 4 * 3600;

    private final BenchOptions options;
    private final Measurements measure;

    private BenchMain(BenchOptions options, Path logDir) {
        this.options = options;
        this.measure = new Measurements(options, logDir);
    }

    public static void main(String[] argv) throws Exception {
        BenchOptions options = BenchOptions.parse(argv);
        Thread limit = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofHours(5).toMillis());
                System.err.println("bench: five hours passed; stopping");
                System.exit(3);
            } catch (InterruptedException ignored) {
                // finished in time
            }
        }, "bench-time-limit");
        limit.setDaemon(true);
        limit.start();

        Path logDir = options.resultsDir().resolve("logs")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + options.mode());
        Files.createDirectories(logDir);
        System.out.println("bench: mode=" + options.mode() + " docs=" + options.docs() + " docBytes=" + options.docBytes()
                + " logs=" + logDir);
        BenchMain bench = new BenchMain(options, logDir);
        Measurements.waitForIdle(options.waitIdleSeconds());
        CpuNoise.Snapshot started = CpuNoise.snapshot();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String jdbc = postgres.getJdbcUrl("postgres", "postgres");
            CpuNoise.watchPostgres(postgres.getPort());
            ChildArgs args = new ChildArgs(options, jdbc);
            switch (options.mode()) {
                case "tune" -> Report.writeTune(options, new TuneGrid(options, bench.measure, bench).run(args));
                case "memory-check" -> Report.writeMemoryCheck(options, MemoryCheck.run(bench.measure, options, bench, args));
                case "restore-points" -> RestorePointReport.write(options, bench.restorePoints(args));
                case "anchor" -> Report.writeAnchor(options, bench.anchorOnly(args));
                default -> {
                    Map<String, Object> results = bench.mainRun(args);
                    results.put("memoryCheck", options.memoryBytes() > 0 ? MemoryCheck.run(bench.measure, options, bench, args)
                            : Map.of("skipped", true, "reason", "--quick or --no-memory-check: run without them to include it"));
                    results.put("foreignCpuSeconds", CpuNoise.foreignSeconds(started, CpuNoise.snapshot()));
                    Report.writeMain(options, results);
                }
            }
        }
        System.exit(0);
    }

    /** A source and a target server sized for {@code docs} documents, relays at the configured round trip. */
    ServerProcess[] servers(long docs) throws Exception {
        long estimate = (long) (docs * options.docBytes() * 1.2);
        long oneWayMicros = Math.round(options.rttMs() * 1000 / 2);
        ServerProcess source = ServerProcess.start(ServerSpec.plain("source", oneWayMicros, SERVER_LIFETIME_SECONDS),
                BenchOptions.serverXmx(estimate, 1, 2.5), measure.logDir());
        ServerProcess target = ServerProcess.start(ServerSpec.plain("target", oneWayMicros, SERVER_LIFETIME_SECONDS),
                BenchOptions.serverXmx(estimate, 3, 2.5), measure.logDir());
        measure.watch(source, target);
        return new ServerProcess[] {source, target};
    }

    private Map<String, Object> mainRun(ChildArgs args) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        long toolsDocs = options.mongoTools() == null ? 0 : options.toolsDocs();
        ServerProcess[] servers = servers(options.docs() + options.rttDocs() + options.warmupDocs() + toolsDocs);
        try (ServerProcess source = servers[0]; ServerProcess target = servers[1]) {
            DataLoader.Loaded main = load(source, target, MAIN_DB, options.docs(), true, DataGenerator.SPECS);
            load(source, target, WARMUP_DB, options.warmupDocs(), false, DataGenerator.SPECS);
            DataLoader.Loaded rtt = load(source, target, RTT_DB, options.rttDocs(), true, DataGenerator.SPECS);
            DataLoader.Loaded tools = toolsDocs == 0 ? null
                    : load(source, target, AnchorScenario.DB, toolsDocs, true, DataGenerator.TWO_COLLECTIONS);
            details.put("serverWarmupSeconds", warmServers(source, target));
            out.put("docs", main.documents());
            out.put("bytes", main.bytes());
            details.put("loadSeconds", main.seconds());
            details.put("collections", new DataGenerator(options.docs(), options.docBytes()).counts().entrySet().stream()
                    .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey().name(), e.getValue()), Map::putAll));
            details.put("pingMillisDirect", Stats.round(Ping.medianMillis(source.uri("admin"), 300), 3));
            details.put("pingMillisRelay", Stats.round(Ping.medianMillis(source.relayUri("admin"), 300), 3));

            Map<String, Object> scan = measure.client("scan", "512m", args.scan(source, MAIN_DB));
            Map<String, Object> limit = measure.client("insert-limit", heapFor(main.bytes(), 4),
                    args.insertLimit(source, target, MAIN_DB));
            List<String> fullArgs = new ArrayList<>(args.sync(source, target, MAIN_DB, false, "count"));
            fullArgs.add("--live-probe");
            Map<String, Object> full = measure.sync("full-sync", options.syncXmx(), fullArgs);
            Map<String, Object> digest = measure.sync("digest-sync", options.syncXmx(),
                    args.sync(source, target, MAIN_DB, false, "digest"));
            Map<String, Object> seed = measure.client("seed", heapFor(main.bytes(), 8), args.seed(source, target, MAIN_DB, false));
            Map<String, Object> far = RttScenario.run(measure, args, options, source, target, RTT_DB);
            out.put("anchor", tools == null ? AnchorScenario.skipped()
                    : AnchorScenario.run(measure, args, options, source, target, tools));

            out.put("scanSeconds", Measurements.seconds(scan));
            out.put("insertLimitSeconds", Measurements.seconds(limit));
            out.put("fullSyncSeconds", Measurements.seconds(full));
            out.put("digestSyncSeconds", Measurements.seconds(digest));
            out.put("seedSeconds", Measurements.seconds(seed));
            out.put("rttMs", options.rttMs());
            out.put("rttDocs", rtt.documents());
            out.put("rttBytes", rtt.bytes());
            out.put("fullSyncSecondsRtt1ms", Measurements.seconds(cast(far.get("fullSync"))));
            out.put("seedSecondsRtt1ms", Measurements.seconds(cast(far.get("seed"))));
            out.put("rtt", SpeedTargets.rttSummary(options, rtt, far));
            out.put("peakHeapMB", full.get("peakHeapMB"));
            if (full.get("liveProbe") instanceof Map<?, ?> probe) {
                out.put("peakLiveHeapMB", probe.get("peakLiveHeapMB"));
            }
            details.put("scan", scan);
            details.put("insertLimit", limit);
            details.put("fullSync", full);
            details.put("digestSync", digest);
            details.put("digestEffective", String.valueOf(digest.get("verification")).contains("digest"));
            details.put("seed", seed);
            details.put("fullSyncRtt", far.get("fullSync"));
            details.put("deltaSyncRtt", far.get("unchangedDelta"));
            details.put("seedRtt", far.get("seed"));
        }
        out.put("details", details);
        return out;
    }

    /** Only the tools anchor: its database and the warm-up database, then {@link AnchorScenario}. */
    private Map<String, Object> anchorOnly(ChildArgs args) throws Exception {
        if (options.mongoTools() == null) {
            throw new IllegalArgumentException("--anchor-only needs --mongo-tools DIR");
        }
        ServerProcess[] servers = servers(options.toolsDocs() + options.warmupDocs());
        try (ServerProcess source = servers[0]; ServerProcess target = servers[1]) {
            DataLoader.Loaded tools = load(source, target, AnchorScenario.DB, options.toolsDocs(), true,
                    DataGenerator.TWO_COLLECTIONS);
            load(source, target, WARMUP_DB, options.warmupDocs(), false, DataGenerator.SPECS);
            warmServers(source, target);
            return AnchorScenario.run(measure, args, options, source, target, tools);
        }
    }

    /** Issue 15's figures: the restore-point database and the warm-up database, then {@link RestorePointScenario}. */
    private Map<String, Object> restorePoints(ChildArgs args) throws Exception {
        // the target holds the standby, a staged copy, a restored copy and mongorestore's at once
        long estimate = (long) ((options.docs() + options.warmupDocs()) * options.docBytes() * 1.2);
        try (ServerProcess source = ServerProcess.start(ServerSpec.plain("rp-source", 0, SERVER_LIFETIME_SECONDS),
                BenchOptions.serverXmx(estimate, 1, 2.5), measure.logDir());
             ServerProcess target = ServerProcess.start(ServerSpec.plain("rp-target", 0, SERVER_LIFETIME_SECONDS),
                     BenchOptions.serverXmx(estimate, 4, 2), measure.logDir())) {
            measure.watch(source, target);
            DataLoader.Loaded loaded = load(source, target, RestorePointScenario.DB, options.docs(), false, DataGenerator.SPECS);
            load(source, target, WARMUP_DB, options.warmupDocs(), false, DataGenerator.SPECS);
            warmServers(source, target);
            return RestorePointScenario.run(measure, args, options, source, target, loaded);
        }
    }

    static double warmServers(ServerProcess source, ServerProcess target) {
        double seconds = ServerWarmup.run(source.uri(WARMUP_DB), target.uri(WARMUP_DB), WARMUP_DB);
        System.out.printf("bench: warmed the servers in %.1f s%n", seconds);
        return Stats.round(seconds, 2);
    }

    DataLoader.Loaded load(ServerProcess source, ServerProcess target, String db, long docs, boolean prefillStandby,
                           List<DataGenerator.Spec> specs) throws Exception {
        try (MongoClient src = MongoClients.create(source.uri(db)); MongoClient tgt = MongoClients.create(target.uri(db))) {
            List<com.mongodb.client.MongoDatabase> databases = new ArrayList<>(List.of(src.getDatabase(db)));
            if (prefillStandby) {
                databases.add(tgt.getDatabase(db + "_standby"));
            }
            DataLoader.Loaded loaded = DataLoader.load(new DataGenerator(docs, options.docBytes(), specs), databases, 2);
            System.out.printf("bench: loaded %s: %d docs, %.1f MB in %.1f s%s%n", db, loaded.documents(),
                    loaded.bytes() / 1e6, loaded.seconds(), prefillStandby ? " (and its standby copy)" : "");
            return loaded;
        }
    }

    static String heapFor(long bytes, int factor) {
        return Math.max(1024, bytes * factor / (1024 * 1024)) + "m";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
