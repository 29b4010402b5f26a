package io.dbsync.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the harness's measuring JVMs ({@link ClientTask}, {@link SyncRunner}, {@link AnchorRunner}), each
 * to its {@code RESULT} line. A failure is recorded (with its log) rather than ending the whole run.
 * With {@code --wait-idle} it first waits for a quiet machine; with {@code --retry-noisy} a measurement
 * during which other processes used the CPU is taken again, and the least disturbed attempt stands.
 */
final class Measurements {
    private static final Duration CHILD_TIMEOUT = Duration.ofHours(2);

    private final BenchOptions options;
    private final Path logDir;
    private String cpuPids = ""; // the running wire servers, for the measuring JVMs' CpuMeter

    Measurements(BenchOptions options, Path logDir) {
        this.options = options;
        this.logDir = logDir;
    }

    Path logDir() {
        return logDir;
    }

    /** The wire servers whose CPU the measuring JVMs report apart. */
    void watch(ServerProcess source, ServerProcess target) {
        cpuPids = "source:" + source.pid() + ",target:" + target.pid();
    }

    Map<String, Object> client(String name, String xmx, List<String> args) throws InterruptedException {
        return measure(name, xmx, ClientTask.class.getName(), args, options.retryNoisy());
    }

    Map<String, Object> sync(String name, String xmx, List<String> args) throws InterruptedException {
        return measure(name, xmx, SyncRunner.class.getName(), args, options.retryNoisy());
    }

    Map<String, Object> measure(String name, String xmx, String mainClass, List<String> args, int retries)
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
        best.put("attempts", attempts);
        return best;
    }

    /** Waits until other processes leave the CPU alone for 5 s (or the time is up), so figures are not noisy. */
    static void waitForIdle(long seconds) throws InterruptedException {
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

    /** The share of the machine's CPU that others used during the timed sections (0 when unknown). */
    static double otherShare(Map<String, Object> result) {
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

    static Map<String, Object> failed(String name, Exception e) {
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
}
