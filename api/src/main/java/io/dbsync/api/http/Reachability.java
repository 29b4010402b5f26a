package io.dbsync.api.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Whether the source, the standby and PostgreSQL answer — each probe bounded in time, and the
 * answer cached briefly so a busy {@code /health} never turns into load on the databases.
 */
public final class Reachability implements AutoCloseable {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CACHE = Duration.ofSeconds(5);

    private final Map<String, BooleanSupplier> probes;
    private final Clock clock;
    private final ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dbsync-health");
        thread.setDaemon(true);
        return thread;
    });
    private Map<String, String> cached;
    private Instant cachedAt = Instant.MIN;

    /** @param probes name → a check that returns true when that dependency answers */
    public Reachability(Map<String, BooleanSupplier> probes, Clock clock) {
        this.probes = probes;
        this.clock = clock;
    }

    /** Each dependency as {@code up} or {@code down}. */
    public synchronized Map<String, String> check() {
        if (cached != null && cachedAt.plus(CACHE).isAfter(clock.instant())) {
            return cached;
        }
        Map<String, CompletableFuture<Boolean>> running = new LinkedHashMap<>();
        probes.forEach((name, probe) -> running.put(name, CompletableFuture.supplyAsync(() -> safely(probe), pool)
                .completeOnTimeout(false, PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
        Map<String, String> states = new LinkedHashMap<>();
        running.forEach((name, future) -> states.put(name, future.join() ? "up" : "down"));
        cached = states;
        cachedAt = clock.instant();
        return states;
    }

    private static boolean safely(BooleanSupplier probe) {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
