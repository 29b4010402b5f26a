package io.dbsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.Application;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.users.UserAdmin;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The syncing JVM: the real API ({@link Application#start}, configured by {@link ApiConfig#fromEnv})
 * on the harness's PostgreSQL, a user added through {@link UserAdmin}, and runs started with
 * {@code POST /syncdb} over HTTP ({@code --body}, default {@code {}}; {@code --prime-body}: one untimed
 * run first, e.g. a first {@code auto} run so that the timed ones are deltas). The HTTP wait is an hour,
 * so each request returns the run's final result. A warm-up run on the small warm-up database (direct
 * connections) comes first when asked for; heap figures cover only the timed runs. With
 * {@code --status-ports}, the relays' counters are read around each timed run ({@link RelayProbe}).
 * Prints {@code RESULT <json>}, with every timed run's figures under {@code runs} ({@link RunFigures}).
 */
public final class SyncRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyncRunner() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Lifeline.start("sync", Duration.ofSeconds(args.longValue("max-seconds", 7200)));
        int runs = args.integer("runs", 1);

        Map<String, Object> result = new LinkedHashMap<>();
        try (HeapMonitor heap = new HeapMonitor()) {
            if (args.has("warmup-db")) {
                String db = args.get("warmup-db");
                List<Map<String, Object>> warm = sync(config(args, args.get("warmup-source-uri"), db,
                        args.get("warmup-target-uri"), db + "_standby"), 1, new CpuMeter(""), Requests.plain());
                result.put("warmupSeconds", warm.get(0).get("seconds"));
            }
            System.gc();
            heap.reset();
            ApiConfig config = config(args, args.get("source-uri"), args.get("source-db"), args.get("target-uri"),
                    args.get("target-db"));
            SyncSettings settings = config.sync();
            CpuMeter cpu = new CpuMeter(args.get("cpu-pids", ""));
            List<Map<String, Object>> timed = sync(config, runs, cpu, Requests.of(args));
            List<Double> seconds = new ArrayList<>();
            List<Double> engineSeconds = new ArrayList<>();
            Set<String> statuses = new LinkedHashSet<>();
            Set<String> verification = new LinkedHashSet<>();
            Set<String> modes = new LinkedHashSet<>();
            for (Map<String, Object> run : timed) {
                seconds.add((Double) run.get("seconds"));
                engineSeconds.add((Double) run.get("engineSeconds"));
                statuses.add((String) run.get("status"));
                modes.add((String) run.get("mode"));
                for (Object collection : (List<?>) run.get("collections")) {
                    verification.add(String.valueOf(((Map<?, ?>) collection).get("verification")));
                }
            }
            result.put("seconds", Stats.median(seconds));
            result.put("samples", seconds);
            result.put("engineSeconds", Stats.median(engineSeconds));
            result.put("engineSamples", engineSeconds);
            result.put("status", statuses.size() == 1 ? statuses.iterator().next() : statuses.toString());
            result.put("verification", verification);
            result.put("modes", modes);
            result.put("documents", timed.get(timed.size() - 1).get("documents"));
            result.put("runs", timed);
            // With no collection in the window there is no after-GC figure; the sampled peak is then an upper bound.
            boolean collected = heap.collections() > 0;
            result.put("peakHeapMB", Stats.round(collected ? heap.peakAfterGcMB() : heap.peakSampledMB(), 1));
            result.put("peakHeapSource", collected ? "after-gc" : "sampled (no GC during the timed runs)");
            result.put("peakHeapAfterGcMB", Stats.round(heap.peakAfterGcMB(), 1));
            result.put("peakHeapSampledMB", Stats.round(heap.peakSampledMB(), 1));
            result.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            result.put("timedCpuSeconds", cpu.report());
            result.put("gcCount", heap.collections());
            result.put("gcMillis", heap.gcMillis());
            result.put("settings", Map.of("batchDocuments", settings.batchDocuments(), "batchBytes", settings.batchBytes(),
                    "parallelCollections", settings.parallelCollections(),
                    "writersPerCollection", settings.writersPerCollection(), "verify", settings.verify().json()));
            if (args.has("live-probe")) {
                result.put("liveProbe", liveProbe(config));
            }
        }
        System.out.println("RESULT " + JSON.writeValueAsString(result));
        System.exit(0);
    }

    /**
     * One more, untimed run with the live set sampled the way {@code MemoryFlatIT} does: every
     * 100 ms a forced full collection, then the used heap. Exact, but it slows the run, so it is
     * kept apart from the timed runs.
     */
    private static Map<String, Object> liveProbe(ApiConfig config) throws Exception {
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "live-heap-probe");
        sampler.setDaemon(true);
        sampler.start();
        List<Map<String, Object>> probed;
        try {
            probed = sync(config, 1, new CpuMeter(""), Requests.plain());
        } finally {
            sampler.interrupt();
        }
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("peakLiveHeapMB", Stats.round(peak.get() / (1024.0 * 1024.0), 1));
        probe.put("seconds", probed.get(0).get("seconds"));
        return probe;
    }

    /**
     * The API's configuration, built from the same environment variables a deployment sets
     * (docs/operations.md), so the benchmark goes through the real configuration path too. Only the
     * options the harness names are set; the rest are the engine's defaults. The HTTP wait is an
     * hour so that {@code POST /syncdb} answers with the final result.
     */
    static ApiConfig config(Args args, String sourceUri, String sourceDb, String targetUri, String targetDb) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SOURCE_MONGODB_URI", sourceUri);
        env.put("SOURCE_DB", sourceDb);
        env.put("TARGET_MONGODB_URI", targetUri);
        env.put("TARGET_DB", targetDb);
        env.put("DATABASE_URL", args.get("pg-jdbc"));
        env.put("PORT", "0");
        env.put("BCRYPT_COST", Integer.toString(ApiConfig.MIN_BCRYPT_COST));
        env.put("SYNC_WAIT_SECONDS", "3600");
        putIfGiven(args, env, "batch-docs", "SYNC_BATCH_DOCUMENTS");
        putIfGiven(args, env, "batch-bytes", "SYNC_BATCH_BYTES");
        putIfGiven(args, env, "parallel-collections", "SYNC_PARALLEL_COLLECTIONS");
        putIfGiven(args, env, "writers", "SYNC_WRITERS_PER_COLLECTION");
        putIfGiven(args, env, "verify", "SYNC_VERIFY");
        // issue 14's storage-aware planning reads it; an engine without it ignores it
        putIfGiven(args, env, "storage-limit-mb", "TARGET_STORAGE_LIMIT_MB");
        if (args.has("snapshot-uri")) {
            // a restore point from every run; only the newest kept, so a long benchmark does not fill the disk
            env.put("SNAPSHOT_URI", args.get("snapshot-uri"));
            env.put("SNAPSHOT_EVERY", "0");
            env.put("SNAPSHOT_KEEP_LAST", "1");
            env.put("SNAPSHOT_KEEP_DAILY", "0");
            env.put("SNAPSHOT_KEEP_WEEKLY", "0");
            putIfGiven(args, env, "snapshot-compression", "SNAPSHOT_COMPRESSION");
        }
        return ApiConfig.fromEnv(env);
    }

    private static void putIfGiven(Args args, Map<String, String> env, String option, String variable) {
        if (args.has(option)) {
            env.put(variable, args.get(option));
        }
    }

    /**
     * What each run asks for: {@code --body} (default {@code {}}); {@code --prime-body}, one untimed run
     * first (a first {@code auto} run, so that the timed ones are deltas); the relays to read around each run.
     */
    record Requests(String body, String primeBody, RelayProbe probe) {
        static Requests plain() {
            return new Requests("{}", null, new RelayProbe("", 0));
        }

        static Requests of(Args args) {
            return new Requests(args.get("body", "{}"), args.has("prime-body") ? args.get("prime-body") : null,
                    RelayProbe.of(args));
        }
    }

    private static List<Map<String, Object>> sync(ApiConfig config, int runs, CpuMeter cpu, Requests requests)
            throws Exception {
        try (Application app = Application.start(config, ProgressListener.NONE)) {
            BenchApi api = new BenchApi(app);
            if (requests.primeBody() != null) {
                completed(api.sync(requests.primeBody()), requests.primeBody());
            }
            List<Map<String, Object>> done = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                RelayProbe.Before before = requests.probe().active() ? requests.probe().before() : null;
                cpu.begin();
                long started = System.nanoTime();
                HttpResponse<String> response = api.sync(requests.body());
                double seconds = Stats.seconds(started);
                cpu.end();
                Map<String, Object> run = RunFigures.of(completed(response, requests.body()), seconds);
                if (before != null) {
                    run.put("relay", requests.probe().after(before));
                }
                done.add(run);
            }
            return done;
        }
    }

    private static JsonNode completed(HttpResponse<String> response, String body) throws Exception {
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"completed".equals(answer.path("status").asText())) {
            throw new IllegalStateException("sync " + body + " did not complete: HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return answer;
    }
}
