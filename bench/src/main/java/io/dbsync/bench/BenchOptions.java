package io.dbsync.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The harness's command line (bench/run.sh passes its arguments through).
 *
 * @param docs         total generated documents over all collections ({@code --docs})
 * @param docBytes     approximate mean BSON size of a document ({@code --doc-bytes})
 * @param rttDocs      documents in the 1 ms round-trip sub-run (same generator, same shape)
 * @param rttMs        simulated round trip of the relay
 * @param repeat       timed repetitions of scan, insert limit and each sync (the median is reported)
 * @param warmupDocs   documents in the warm-up database every measuring JVM runs once before timing
 * @param memoryBytes  data size of the memory check (0 skips it)
 * @param memoryXmx    heap of the syncing JVM in the memory check
 * @param syncXmx      heap of the syncing JVM in the timed runs
 * @param waitIdleSeconds how long to wait, before starting, for a 5 s window in which other processes use the CPU
 *                     less than 5 % ({@code --wait-idle}; 0: start at once), before the run and before each measurement
 * @param retryNoisy   how often to repeat a measurement during which other processes used the CPU ({@code --retry-noisy})
 * @param mongoTools   directory with MongoDB's mongodump and mongorestore ({@code --mongo-tools}); null skips the tools anchor
 * @param toolsDocs    documents (two collections) in the tools anchor ({@code --tools-docs})
 * @param toolsPairs   alternating tools/dbsync pairs in the tools anchor ({@code --tools-pairs})
 */
record BenchOptions(String mode, long docs, int docBytes, long rttDocs, double rttMs, int repeat, long warmupDocs,
                    long memoryBytes, String memoryXmx, String syncXmx, List<Integer> tuneWriters,
                    List<Integer> tuneBatches, Path resultsDir, long waitIdleSeconds, int retryNoisy, Path mongoTools,
                    long toolsDocs, int toolsPairs) {

    static BenchOptions parse(String[] argv) {
        Args args = new Args(argv);
        boolean quick = args.has("quick");
        String mode = args.has("tune") ? "tune" : args.has("memory-check-only") ? "memory-check"
                : args.has("anchor-only") ? "anchor" : args.has("restore-points") ? "restore-points" : quick ? "quick" : "full";
        long docs = args.longValue("docs", quick ? 20_000 : mode.equals("tune") ? 100_000 : 200_000);
        int docBytes = args.integer("doc-bytes", 1024);
        long memoryBytes = quick || args.has("no-memory-check") ? 0 : args.longValue("memory-bytes", 1_100_000_000L);
        return new BenchOptions(mode, docs, docBytes,
                args.longValue("rtt-docs", Math.min(docs, quick ? 2_000 : 20_000)),
                // --quick measures issue 17's small database far away (20 ms); the full run issue 3's 1 ms
                Double.parseDouble(args.get("rtt-ms", quick ? "20" : "1")),
                args.integer("repeat", quick ? 1 : 3),
                args.longValue("warmup-docs", quick ? 5_000 : 10_000),
                memoryBytes, args.get("memory-xmx", "256m"), args.get("sync-xmx", "1g"),
                ints(args.get("tune-writers", "1,2,4")), ints(args.get("tune-batches", "500,1000,2000")),
                Path.of(args.get("results", "bench/results")), args.longValue("wait-idle", 0),
                args.integer("retry-noisy", 0), args.has("mongo-tools") ? Path.of(args.get("mongo-tools")) : null,
                args.longValue("tools-docs", 100_000), args.integer("tools-pairs", 3));
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    /**
     * Heap for a wire server that holds up to {@code copies} copies of {@code bytes} at once. The
     * memory backend needs ~3.2 × the raw data; the rest is headroom, because a tight heap makes the
     * server collect constantly (full GCs were seen at 1.5×) and that would be measured too.
     */
    static String serverXmx(long bytes, double copies, double headroom) {
        long mb = (long) Math.ceil(bytes * 3.2 * copies * headroom / (1024 * 1024));
        return Math.max(512, mb) + "m";
    }
}
