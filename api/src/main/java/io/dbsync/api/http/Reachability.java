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
 * answer cached briefly so a busy {@code /health} never turns into load on the databases. An
 * answer older than {@link #CACHE} is still served while a fresh one is probed in the background
 * (so a monitor's request never waits for the probes under load); one older than
 * {@link #MAX_STALE}, or none at all, is waited for.
 */
public final class Reachability implements AutoCloseable {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CACHE = Duration.ofSeconds(5);
    private static final Duration MAX_STALE = Duration.ofSeconds(30);

    private final Map<String, BooleanSupplier> probes;
    private final Clock clock;
    private final ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dbsync-health");
        thread.setDaemon(true);
        return thread;
    });
    private Map<String, String> cached;
    private Instant cachedAt = Instant.MIN;
    private boolean refreshing;

    /** @param probes name → a check that returns true when that dependency answers */
    public Reachability(Map<String, BooleanSupplier> probes, Clock clock) {
        this.probes = probes;
        this.clock = clock;
    }

    /** Each dependency as {@code up} or {@code down}. */
    public Map<String, String> check() {
        synchronized (this) {
            Instant now = clock.instant();
            if (cached != null && cachedAt.plus(CACHE).isAfter(now)) {
                return cached;
            }
            if (cached != null && cachedAt.plus(MAX_STALE).isAfter(now)) {
                if (!refreshing) {
                    refreshing = true;
                    pool.execute(this::refreshInBackground);
                }
                return cached;
            }
        }
        return refreshNow();
    }

    private void refreshInBackground() {
        try {
            probe();
        } finally {
            synchronized (this) {
                refreshing = false;
            }
        }
    }

    /** Probes now, unless another caller did while this one waited. */
    private synchronized Map<String, String> refreshNow() {
        if (cached != null && cachedAt.plus(CACHE).isAfter(clock.instant())) {
            return cached;
        }
        return probe();
    }

    private Map<String, String> probe() {
        Map<String, CompletableFuture<Boolean>> running = new LinkedHashMap<>();
        probes.forEach((name, probe) -> running.put(name, CompletableFuture.supplyAsync(() -> safely(probe), pool)
                .completeOnTimeout(false, PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
        Map<String, String> states = new LinkedHashMap<>();
        running.forEach((name, future) -> states.put(name, future.join() ? "up" : "down"));
        synchronized (this) {
            cached = states;
            cachedAt = clock.instant();
        }
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
