package io.dbsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.Main;
import io.dbsync.api.users.PasswordReader;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The restoring JVM: {@code dbsync restore latest --to-env BENCH_RESTORE_URI}, the operator's command
 * line run in-process ({@link Main#run}) with the environment a deployment sets ({@code DATABASE_URL},
 * {@code SNAPSHOT_URI}), into {@code --target-uri}. Prints {@code RESULT <json>}: the wall time, exit
 * code, the documents the command reported, and the heap's peak.
 */
public final class RestoreRunner {
    private static final Pattern REPORT = Pattern.compile("restore \\S+ (\\w+): (\\d+) documents");
    private static final String DESTINATION = "BENCH_RESTORE_URI";

    private RestoreRunner() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Lifeline.start("restore", Duration.ofSeconds(args.longValue("max-seconds", 7200)));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATABASE_URL", args.get("pg-jdbc"));
        env.put("SNAPSHOT_URI", args.get("snapshot-uri"));
        env.put(DESTINATION, args.get("target-uri"));
        Map<String, Object> result = new LinkedHashMap<>();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (HeapMonitor heap = new HeapMonitor()) {
            CpuMeter cpu = new CpuMeter(args.get("cpu-pids", ""));
            System.gc();
            heap.reset();
            cpu.begin();
            long started = System.nanoTime();
            int exit = Main.run(new String[] {"restore", "latest", "--to-env", DESTINATION}, env,
                    new PasswordReader(null, new BufferedReader(new StringReader(""))), new PrintWriter(out, true),
                    new PrintWriter(err, true), Duration.ofMinutes(10));
            double seconds = Stats.seconds(started);
            cpu.end();
            Matcher report = REPORT.matcher(out.toString());
            boolean reported = report.find();
            result.put("seconds", Stats.round(seconds, 3));
            result.put("exitCode", exit);
            result.put("status", reported ? report.group(1) : "exit " + exit);
            result.put("documents", reported ? Long.parseLong(report.group(2)) : 0);
            boolean collected = heap.collections() > 0;
            result.put("peakHeapMB", Stats.round(collected ? heap.peakAfterGcMB() : heap.peakSampledMB(), 1));
            result.put("peakHeapSource", collected ? "after-gc" : "sampled (no GC during the restore)");
            result.put("peakHeapSampledMB", Stats.round(heap.peakSampledMB(), 1));
            result.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            result.put("timedCpuSeconds", cpu.report());
            result.put("gcCount", heap.collections());
            if (exit != 0) {
                result.put("error", (out + " " + err).trim());
            }
        }
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(result));
        System.exit(0);
    }
}
