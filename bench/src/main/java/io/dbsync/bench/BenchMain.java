package io.dbsync.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dbsync.api.config.SyncSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
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
 * JVMs, then measures each figure in a fresh child JVM, all on the same data, and writes
 * {@code bench/results/latest.json} (or {@code tune.json}, {@code memory-check.json}).
 */
public final class BenchMain {
    static final String MAIN_DB = "bench";
    static final String WARMUP_DB = "bench_warmup";
    static final String RTT_DB = "bench_rtt";
    private static final long SERVER_LIFETIME_SECONDS = 4 * 3600;
    private static final Duration CHILD_TIMEOUT = Duration.ofHours(2);

    private final BenchOptions options;
    private final Path logDir;
    private final SyncSettings defaults = SyncSettings.defaults();
    private String cpuPids = ""; // the running wire servers, for the measuring JVMs' CpuMeter

    private BenchMain(BenchOptions options, Path logDir) {
        this.options = options;
        this.logDir = logDir;
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
        waitForIdle(options.waitIdleSeconds());
        CpuNoise.Snapshot started = CpuNoise.snapshot();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String jdbc = postgres.getJdbcUrl("postgres", "postgres");
            CpuNoise.watchPostgres(postgres.getPort());
            switch (options.mode()) {
                case "tune" -> Report.writeTune(options, bench.tune(jdbc));
                case "memory-check" -> Report.writeMemoryCheck(options, bench.memoryCheck(jdbc));
                default -> {
                    Map<String, Object> results = bench.mainRun(jdbc);
                    results.put("memoryCheck", options.memoryBytes() > 0 ? bench.memoryCheck(jdbc)
                            : Map.of("skipped", true, "reason", "--quick or --no-memory-check: run without them to include it"));
                    results.put("foreignCpuSeconds", CpuNoise.foreignSeconds(started, CpuNoise.snapshot()));
                    Report.writeMain(options, results);
                }
            }
        }
        System.exit(0);
    }

    /** Waits until other processes leave the CPU alone for 5 s (or the time is up), so figures are not noisy. */
    private static void waitForIdle(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (seconds > 0 && System.nanoTime() < deadline) {
            CpuNoise.Snapshot before = CpuNoise.snapshot();
            Thread.sleep(5000);
            Double foreign = CpuNoise.foreignSeconds(before, CpuNoise.snapshot());
            if (foreign == null || foreign < 0.5) {
                return;
            }
            System.out.println("bench: waiting for the machine to be idle (others used " + foreign + " CPU-s in 5 s)");
        }
    }

    private Map<String, Object> mainRun(String jdbc) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        long estimate = (long) ((options.docs() + options.rttDocs() + options.warmupDocs()) * options.docBytes() * 1.2);
        long oneWayMicros = Math.round(options.rttMs() * 1000 / 2);
        try (ServerProcess source = ServerProcess.start("source", BenchOptions.serverXmx(estimate, 1, 2.5), oneWayMicros,
                SERVER_LIFETIME_SECONDS, logDir);
             ServerProcess target = ServerProcess.start("target", BenchOptions.serverXmx(estimate, 3, 2.5), oneWayMicros,
                     SERVER_LIFETIME_SECONDS, logDir)) {
            watch(source, target);
            DataLoader.Loaded main = load(source, target, MAIN_DB, options.docs(), true);
            load(source, target, WARMUP_DB, options.warmupDocs(), false);
            DataLoader.Loaded rtt = load(source, target, RTT_DB, options.rttDocs(), true);
            details.put("serverWarmupSeconds", warmServers(source, target));
            out.put("docs", main.documents());
            out.put("bytes", main.bytes());
            details.put("loadSeconds", main.seconds());
            details.put("collections", new DataGenerator(options.docs(), options.docBytes()).counts().entrySet().stream()
                    .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey().name(), e.getValue()), Map::putAll));

            details.put("pingMillisDirect", Stats.round(Ping.medianMillis(source.uri("admin"), 300), 3));
            details.put("pingMillisRelay", Stats.round(Ping.medianMillis(source.relayUri("admin"), 300), 3));

            Map<String, Object> scan = client("scan", "512m", scanArgs(source));
            Map<String, Object> limit = client("insert-limit", heapFor(main.bytes(), 4), insertLimitArgs(source, target));
            List<String> fullArgs = new ArrayList<>(syncArgs(jdbc, source, target, MAIN_DB, false, "count"));
            fullArgs.add("--live-probe");
            Map<String, Object> full = sync("full-sync", options.syncXmx(), fullArgs);
            Map<String, Object> digest = sync("digest-sync", options.syncXmx(), syncArgs(jdbc, source, target, MAIN_DB, false, "digest"));
            Map<String, Object> seed = client("seed", heapFor(main.bytes(), 8), seedArgs(source, target, MAIN_DB, false));
            Map<String, Object> fullRtt = sync("full-sync-rtt", options.syncXmx(), syncArgs(jdbc, source, target, RTT_DB, true, "count"));
            Map<String, Object> seedRtt = client("seed-rtt", heapFor(rtt.bytes(), 8), seedArgs(source, target, RTT_DB, true));

            out.put("scanSeconds", seconds(scan));
            out.put("insertLimitSeconds", seconds(limit));
            out.put("fullSyncSeconds", seconds(full));
            out.put("digestSyncSeconds", seconds(digest));
            out.put("seedSeconds", seconds(seed));
            out.put("rttMs", options.rttMs());
            out.put("rttDocs", rtt.documents());
            out.put("rttBytes", rtt.bytes());
            out.put("fullSyncSecondsRtt1ms", seconds(fullRtt));
            out.put("seedSecondsRtt1ms", seconds(seedRtt));
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
            details.put("fullSyncRtt", fullRtt);
            details.put("seedRtt", seedRtt);
        }
        out.put("details", details);
        return out;
    }

    private Map<String, Object> memoryCheck(String jdbc) throws Exception {
        double meanBytes = meanDocumentBytes(options.docBytes());
        long docs = (long) Math.ceil(options.memoryBytes() / meanBytes);
        Map<String, Object> check = new LinkedHashMap<>();
        try (ServerProcess source = ServerProcess.start("mem-source", BenchOptions.serverXmx(options.memoryBytes(), 1, 1.6), 0,
                SERVER_LIFETIME_SECONDS, logDir);
             ServerProcess target = ServerProcess.start("mem-target", BenchOptions.serverXmx(options.memoryBytes(), 1, 1.6), 0,
                     SERVER_LIFETIME_SECONDS, logDir)) {
            watch(source, target);
            DataLoader.Loaded loaded = load(source, target, "bench_mem", docs, false);
            check.put("dataBytes", loaded.bytes());
            check.put("docs", loaded.documents());
            check.put("xmx", options.memoryXmx());
            List<String> args = List.of("--pg-jdbc", jdbc, "--source-uri", source.uri("bench_mem"), "--source-db", "bench_mem",
                    "--target-uri", target.uri("bench_mem_standby"), "--target-db", "bench_mem_standby", "--runs", "1");
            // Never repeated: the target is sized for one copy, and a second run would stage a second one.
            Map<String, Object> run = measure("memory-check", options.memoryXmx(), SyncRunner.class.getName(), args, 0);
            check.put("passed", "completed".equals(run.get("status")));
            check.put("seconds", seconds(run));
            if (run.containsKey("error")) {
                check.put("error", run.get("error"));
            } else {
                check.put("peakHeapMB", run.get("peakHeapMB"));
                check.put("peakHeapSampledMB", run.get("peakHeapSampledMB"));
                check.put("gcCount", run.get("gcCount"));
            }
            check.put("loadSeconds", loaded.seconds());
        }
        return check;
    }

    private Map<String, Object> tune(String jdbc) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        long estimate = (long) ((options.docs() + options.warmupDocs()) * options.docBytes() * 1.2);
        try (ServerProcess source = ServerProcess.start("source", BenchOptions.serverXmx(estimate, 1, 2.5), 0,
                SERVER_LIFETIME_SECONDS, logDir);
             ServerProcess target = ServerProcess.start("target", BenchOptions.serverXmx(estimate, 3, 2.5), 0,
                     SERVER_LIFETIME_SECONDS, logDir)) {
            watch(source, target);
            DataLoader.Loaded main = load(source, target, MAIN_DB, options.docs(), true);
            load(source, target, WARMUP_DB, options.warmupDocs(), false);
            warmServers(source, target);
            out.put("docs", main.documents());
            out.put("bytes", main.bytes());
            out.put("insertLimitSeconds", seconds(client("insert-limit", heapFor(main.bytes(), 4), insertLimitArgs(source, target))));
            List<Map<String, Object>> grid = new ArrayList<>();
            for (int writers : options.tuneWriters()) {
                for (int batch : options.tuneBatches()) {
                    List<String> args = new ArrayList<>(syncArgs(jdbc, source, target, MAIN_DB, false, "count"));
                    args.addAll(List.of("--writers", Integer.toString(writers), "--batch-docs", Integer.toString(batch)));
                    Map<String, Object> run = sync("tune-w" + writers + "-b" + batch, options.syncXmx(), args);
                    Map<String, Object> cell = new LinkedHashMap<>();
                    cell.put("writersPerCollection", writers);
                    cell.put("batchDocuments", batch);
                    cell.put("fullSyncSeconds", seconds(run));
                    cell.put("samples", run.get("samples"));
                    cell.put("peakHeapMB", run.get("peakHeapMB"));
                    grid.add(cell);
                    System.out.println("bench: tune writers=" + writers + " batchDocuments=" + batch + " -> " + seconds(run) + " s");
                }
            }
            out.put("grid", grid);
        }
        return out;
    }

    private static double warmServers(ServerProcess source, ServerProcess target) {
        double seconds = ServerWarmup.run(source.uri(WARMUP_DB), target.uri(WARMUP_DB), WARMUP_DB);
        System.out.printf("bench: warmed the servers in %.1f s%n", seconds);
        return Stats.round(seconds, 2);
    }

    private void watch(ServerProcess source, ServerProcess target) {
        cpuPids = "source:" + source.pid() + ",target:" + target.pid();
    }

    private DataLoader.Loaded load(ServerProcess source, ServerProcess target, String db, long docs, boolean prefillStandby)
            throws Exception {
        try (MongoClient src = MongoClients.create(source.uri(db)); MongoClient tgt = MongoClients.create(target.uri(db))) {
            List<com.mongodb.client.MongoDatabase> databases = new ArrayList<>(List.of(src.getDatabase(db)));
            if (prefillStandby) {
                databases.add(tgt.getDatabase(db + "_standby"));
            }
            DataLoader.Loaded loaded = DataLoader.load(new DataGenerator(docs, options.docBytes()), databases, 2);
            System.out.printf("bench: loaded %s: %d docs, %.1f MB in %.1f s%s%n", db, loaded.documents(),
                    loaded.bytes() / 1e6, loaded.seconds(), prefillStandby ? " (and its standby copy)" : "");
            return loaded;
        }
    }

    private List<String> scanArgs(ServerProcess source) {
        return List.of("--mode", "scan", "--source-uri", source.uri(MAIN_DB), "--source-db", MAIN_DB, "--warmup-db", WARMUP_DB,
                "--batch-docs", Integer.toString(defaults.batchDocuments()), "--repeat", Integer.toString(options.repeat()));
    }

    private List<String> insertLimitArgs(ServerProcess source, ServerProcess target) {
        return List.of("--mode", "insert-limit", "--source-uri", source.uri(MAIN_DB), "--source-db", MAIN_DB,
                "--warmup-db", WARMUP_DB, "--target-uri", target.uri("bench_limit"), "--target-db", "bench_limit",
                "--batch-docs", Integer.toString(defaults.batchDocuments()),
                "--batch-bytes", Integer.toString(defaults.batchBytes()),
                "--parallel-collections", Integer.toString(defaults.parallelCollections()),
                "--writers", Integer.toString(defaults.writersPerCollection()), "--repeat", Integer.toString(options.repeat()));
    }

    private List<String> seedArgs(ServerProcess source, ServerProcess target, String db, boolean delayed) {
        return List.of("--mode", "seed",
                "--source-uri", delayed ? source.relayUri(db) : source.uri(db), "--source-db", db,
                "--target-uri", delayed ? target.relayUri(db + "_standby") : target.uri(db + "_standby"),
                "--target-db", db + "_standby", "--warmup-db", WARMUP_DB,
                "--warmup-source-uri", source.uri(WARMUP_DB), "--warmup-target-uri", target.uri(WARMUP_DB),
                "--batch-docs", Integer.toString(defaults.batchDocuments()));
    }

    private List<String> syncArgs(String jdbc, ServerProcess source, ServerProcess target, String db, boolean delayed,
                                  String verify) {
        return List.of("--pg-jdbc", jdbc,
                "--source-uri", delayed ? source.relayUri(db) : source.uri(db), "--source-db", db,
                "--target-uri", delayed ? target.relayUri(db + "_standby") : target.uri(db + "_standby"),
                "--target-db", db + "_standby", "--warmup-db", WARMUP_DB,
                "--warmup-source-uri", source.uri(WARMUP_DB), "--warmup-target-uri", target.uri(WARMUP_DB + "_standby"),
                "--verify", verify, "--runs", Integer.toString(options.repeat()));
    }

    private Map<String, Object> client(String name, String xmx, List<String> args) throws InterruptedException {
        return measure(name, xmx, ClientTask.class.getName(), args, options.retryNoisy());
    }

    private Map<String, Object> sync(String name, String xmx, List<String> args) throws InterruptedException {
        return measure(name, xmx, SyncRunner.class.getName(), args, options.retryNoisy());
    }

    /**
     * Runs one measuring JVM. A failure is recorded (with its log) rather than ending the whole run.
     * With {@code --wait-idle} it first waits for a quiet machine; with {@code --retry-noisy} a
     * measurement during which other processes used the CPU is taken again.
     */
    private Map<String, Object> measure(String name, String xmx, String mainClass, List<String> args, int retries)
            throws InterruptedException {
        Map<String, Object> best = null;
        List<Object> attempts = new ArrayList<>();
        for (int attempt = 0; attempt <= retries; attempt++) {
            waitForIdle(options.waitIdleSeconds());
            System.out.println("bench: " + name + (mainClass.endsWith("SyncRunner") ? " (syncing JVM -Xmx" + xmx + ")" : "")
                    + (attempt > 0 ? " again (attempt " + (attempt + 1) + ")" : "") + " ...");
            long started = System.nanoTime();
            CpuNoise.Snapshot before = CpuNoise.snapshot();
            Map<String, Object> result;
            try {
                List<String> withPids = new ArrayList<>(args);
                withPids.addAll(List.of("--cpu-pids", cpuPids));
                result = ChildJvm.run(name, logDir, xmx, mainClass, withPids, CHILD_TIMEOUT);
            } catch (IOException | IllegalStateException e) {
                return failed(name, e);
            }
            CpuNoise.Snapshot after = CpuNoise.snapshot();
            double elapsed = Stats.seconds(started);
            Double foreign = CpuNoise.foreignSeconds(before, after);
            result.put("foreignCpuSeconds", foreign);
            result.put("postgresCpuSeconds", CpuNoise.postgresSeconds(before, after));
            boolean noisy = isNoisy(result, foreign, elapsed);
            result.put("noisy", noisy);
            System.out.println("bench: " + name + " -> " + result.get("seconds") + " s"
                    + (result.containsKey("peakHeapMB") ? ", peak heap " + result.get("peakHeapMB") + " MB ("
                    + result.get("peakHeapSource") + "), verification " + result.get("verification")
                    + ", postgres CPU " + result.get("postgresCpuSeconds") + " s" : "")
                    + "; timed CPU-s " + result.get("timedCpuSeconds")
                    + (noisy ? "  [NOISY: other processes used the CPU meanwhile]" : ""));
            attempts.add(Map.of("seconds", result.get("seconds"), "noisy", noisy, "otherCpuShare", otherShare(result)));
            if (best == null || otherShare(result) < otherShare(best)) {
                best = result;
            }
            if (!noisy) {
                break;
            }
        }
        // The attempt least disturbed by other processes stands; all are listed.
        best.put("attempts", attempts);
        return best;
    }

    /** The share of the machine's CPU that others used during the timed sections (0 when unknown). */
    private static double otherShare(Map<String, Object> result) {
        if (result.get("timedCpuSeconds") instanceof Map<?, ?> timed
                && timed.get("rest") instanceof Number rest && timed.get("wall") instanceof Number wall
                && wall.doubleValue() > 0) {
            return Stats.round(rest.doubleValue() / (wall.doubleValue() * Runtime.getRuntime().availableProcessors()), 3);
        }
        return 0;
    }

    /**
     * Noisy when processes outside the measurement used more than 5 % of the machine's CPU during
     * its timed sections ({@code timedCpuSeconds.rest}, which also holds PostgreSQL's small share);
     * without that figure, during the measuring JVM's whole life.
     */
    static boolean isNoisy(Map<String, Object> result, Double foreignWholeLife, double elapsedWholeLife) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (result.get("timedCpuSeconds") instanceof Map<?, ?> timed
                && timed.get("rest") instanceof Number rest && timed.get("wall") instanceof Number wall) {
            return rest.doubleValue() > Math.max(0.3, 0.05 * cores * wall.doubleValue());
        }
        return foreignWholeLife != null && foreignWholeLife > Math.max(0.5, 0.05 * cores * elapsedWholeLife);
    }

    private static Map<String, Object> failed(String name, Exception e) {
        System.out.println("bench: " + name + " FAILED: " + e.getMessage());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("error", e.getMessage());
        return result;
    }

    /** The measured seconds, or null when the measurement failed. */
    static Double seconds(Map<String, Object> result) {
        Object value = result.get("seconds");
        return value instanceof Number number ? Stats.round(number.doubleValue(), 3) : null;
    }

    private static String heapFor(long bytes, int factor) {
        return Math.max(1024, bytes * factor / (1024 * 1024)) + "m";
    }

    /** The generator's real mean document size for a given {@code --doc-bytes}, from a sample. */
    static double meanDocumentBytes(int docBytes) {
        DataGenerator generator = new DataGenerator(5_000, docBytes);
        long bytes = 0;
        long n = 0;
        for (Map.Entry<DataGenerator.Spec, Long> entry : generator.counts().entrySet()) {
            for (long i = 0; i < entry.getValue(); i++) {
                bytes += generator.document(entry.getKey(), i).getByteBuffer().remaining();
                n++;
            }
        }
        return (double) bytes / n;
    }
}
