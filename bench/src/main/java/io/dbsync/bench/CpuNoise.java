package io.dbsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How much CPU processes outside the benchmark used while it measured (Linux {@code /proc}), so a
 * figure taken while something else ran on this 2-core machine can be recognised as noisy. The
 * benchmark's share is this JVM and its descendants (servers, measuring JVMs), including children
 * that already exited and were reaped ({@code cutime}/{@code cstime}), plus the embedded PostgreSQL,
 * which daemonises away from our process tree and is therefore found by its port.
 */
final class CpuNoise {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
    private static volatile Optional<ProcessHandle> postgres = Optional.empty();

    /** Busy CPU ticks of the whole machine, of the benchmark's JVMs, and of PostgreSQL at one moment. */
    record Snapshot(long machineBusy, long ours, long postgres) {
    }

    private CpuNoise() {
    }

    /** Remembers the embedded PostgreSQL's postmaster (the one listening on {@code port}). */
    static void watchPostgres(int port) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            postgres = all.filter(p -> p.info().command().orElse("").endsWith("/bin/postgres"))
                    .filter(p -> Arrays.asList(p.info().arguments().orElse(new String[0])).contains(Integer.toString(port)))
                    .findFirst();
        }
    }

    /** A snapshot, or null where {@code /proc} is not available. */
    static Snapshot snapshot() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length; i++) {
                if (i != 4 && i != 5) { // idle and iowait are not busy
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return new Snapshot(busy, tree(ProcessHandle.current()), postgres.map(CpuNoise::tree).orElse(0L));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** CPU seconds used by everything else between two snapshots (never below zero). */
    static Double foreignSeconds(Snapshot before, Snapshot after) {
        if (before == null || after == null) {
            return null;
        }
        long foreign = (after.machineBusy() - before.machineBusy()) - (after.ours() - before.ours())
                - (after.postgres() - before.postgres());
        return Stats.round(Math.max(0, foreign) / TICKS_PER_SECOND, 2);
    }

    /** CPU seconds PostgreSQL used between two snapshots. */
    static Double postgresSeconds(Snapshot before, Snapshot after) {
        return before == null || after == null ? null
                : Stats.round((after.postgres() - before.postgres()) / TICKS_PER_SECOND, 2);
    }

    private static long tree(ProcessHandle root) {
        long ticks = ticks(root.pid());
        try (Stream<ProcessHandle> descendants = root.descendants()) {
            ticks += descendants.mapToLong(p -> ticks(p.pid())).sum();
        }
        return ticks;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime, stime, and cutime, cstime of reaped children
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0; // the process has just exited
        }
    }
}
