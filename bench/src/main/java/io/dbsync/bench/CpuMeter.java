package io.dbsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used during the timed sections of a measurement, per part: this JVM ({@code self}), each
 * wire server named on the command line ({@code --cpu-pids source:123,target:456}), and
 * {@code rest} (everything else busy on the machine: PostgreSQL, the harness, other processes).
 * Sections are added up, so warm-ups and set-up between them do not count. Linux {@code /proc}.
 */
final class CpuMeter {
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> used = new LinkedHashMap<>();
    private Map<String, Long> started;
    private long wallNanos;
    private long startedNanos;

    CpuMeter(String cpuPids) {
        pids.put("self", ProcessHandle.current().pid());
        if (cpuPids != null && !cpuPids.isBlank()) {
            for (String pair : cpuPids.split(",")) {
                String[] nameAndPid = pair.split(":");
                pids.put(nameAndPid[0], Long.parseLong(nameAndPid[1]));
            }
        }
    }

    void begin() {
        started = read();
        startedNanos = System.nanoTime();
    }

    void end() {
        Map<String, Long> now = read();
        wallNanos += System.nanoTime() - startedNanos;
        now.forEach((part, ticks) -> used.merge(part, ticks - started.getOrDefault(part, ticks), Long::sum));
    }

    /** CPU seconds per part, plus {@code wall} seconds and {@code coresBusy} (all CPU / wall). */
    Map<String, Double> report() {
        Map<String, Double> out = new LinkedHashMap<>();
        long machine = used.getOrDefault("machine", 0L);
        long listed = 0;
        for (String part : pids.keySet()) {
            long ticks = used.getOrDefault(part, 0L);
            out.put(part, Stats.round(ticks / TICKS_PER_SECOND, 2));
            listed += ticks;
        }
        out.put("rest", Stats.round(Math.max(0, machine - listed) / TICKS_PER_SECOND, 2));
        double wall = wallNanos / 1e9;
        out.put("wall", Stats.round(wall, 3));
        out.put("coresBusy", wall > 0 ? Stats.round(machine / TICKS_PER_SECOND / wall, 2) : null);
        return out;
    }

    private Map<String, Long> read() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length; i++) {
                if (i != 4 && i != 5) { // idle and iowait are not busy
                    busy += Long.parseLong(cpu[i]);
                }
            }
            ticks.put("machine", busy);
            pids.forEach((part, pid) -> ticks.put(part, processTicks(pid)));
        } catch (IOException | RuntimeException e) {
            // not Linux: the report stays empty
        }
        return ticks;
    }

    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
