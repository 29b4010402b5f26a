package io.dbsync.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limits failed logins per key — a username (existing or not, so a 429 reveals nothing) or a client
 * address. A throttled key is answered before any password-hash work, so a guessing client cannot
 * burn the CPU either.
 *
 * <p>A password check in progress holds a reservation ({@link #tryBegin}) that counts against the
 * limit until its outcome is known, so parallel guesses cannot slip past it; no lock is held while
 * the check runs, so nothing queues behind a slow hash. Per process; memory is bounded by forgetting
 * the least recently seen keys.
 */
public final class LoginThrottle {
    private static final int MAX_TRACKED_KEYS = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final AtomicLong failuresTotal = new AtomicLong();
    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_TRACKED_KEYS;
        }
    };

    /** One key's recent failures and the checks for it still in progress. */
    private static final class Window {
        final Deque<Instant> failures = new ArrayDeque<>();
        int inFlight;
    }

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long {@code key} must wait, if it has used up its failures in the window. */
    public synchronized Optional<Duration> blockedFor(String key) {
        Window recent = prune(key);
        if (recent == null || recent.failures.size() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(waitFor(recent));
    }

    /**
     * Reserves one check for {@code key}: empty (with how long to wait) when its failures plus the
     * checks already in progress have reached the limit.
     */
    public synchronized Admission tryBegin(String key) {
        Window recent = prune(key);
        if (recent == null) {
            recent = new Window();
            windows.put(key, recent);
        }
        if (recent.failures.size() + recent.inFlight >= maxFailures) {
            // Full only with checks in progress: one of them will finish within about a second.
            return new Admission(null, recent.failures.size() >= maxFailures ? waitFor(recent) : Duration.ofSeconds(1));
        }
        recent.inFlight++;
        return new Admission(new Attempt(key), Duration.ZERO);
    }

    /** A failed login that held no reservation (it shared another request's check). */
    public void failed(String key) {
        record(key, false, true);
    }

    /** A successful login: the key starts afresh. */
    public synchronized void succeeded(String key) {
        windows.remove(key);
    }

    /** Every failed login since start, for metrics. */
    public long failuresTotal() {
        return failuresTotal.get();
    }

    private synchronized void record(String key, boolean reserved, boolean failed) {
        Window recent = windows.get(key);
        if (recent != null && reserved && recent.inFlight > 0) {
            recent.inFlight--;
        }
        if (failed) {
            failuresTotal.incrementAndGet();
            if (recent == null) {
                recent = new Window();
                windows.put(key, recent);
            }
            recent.failures.addLast(clock.instant());
        }
    }

    private Duration waitFor(Window recent) {
        Duration wait = Duration.between(clock.instant(), recent.failures.peekFirst().plus(window));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private Window prune(String key) {
        Window recent = windows.get(key);
        if (recent == null) {
            return null;
        }
        Instant horizon = clock.instant().minus(window);
        while (!recent.failures.isEmpty() && !recent.failures.peekFirst().isAfter(horizon)) {
            recent.failures.removeFirst();
        }
        if (recent.failures.isEmpty() && recent.inFlight == 0) {
            windows.remove(key);
            return null;
        }
        return recent;
    }

    /** The answer to {@link #tryBegin}: an attempt to finish, or how long to wait. */
    public record Admission(Attempt attempt, Duration retryAfter) {
        public boolean admitted() {
            return attempt != null;
        }
    }

    /** One reserved check; finish it exactly once. */
    public final class Attempt {
        private final String key;
        private boolean finished;

        private Attempt(String key) {
            this.key = key;
        }

        public void failed() {
            finish(true);
        }

        public void succeeded() {
            if (!finished) {
                finished = true;
                LoginThrottle.this.succeeded(key);
            }
        }

        /**
         * The reservation is returned and nothing is counted: the check did not happen (another limit
         * refused it), or it succeeded for a key whose failures a success must not clear (a client
         * address that others behind the same NAT may share).
         */
        public void released() {
            finish(false);
        }

        private void finish(boolean failed) {
            if (!finished) {
                finished = true;
                record(key, true, failed);
            }
        }
    }
}
