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
 * Limits failed logins per username (existing or not, so a 429 reveals nothing). A throttled
 * username is answered before any bcrypt work, so a guessing client cannot burn the CPU either.
 * Per process; memory is bounded by forgetting the least recently seen usernames.
 */
public final class LoginThrottle {
    private static final int MAX_TRACKED_USERNAMES = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final AtomicLong failuresTotal = new AtomicLong();
    private final Object[] stripes = new Object[64];
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_TRACKED_USERNAMES;
        }
    };

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * The lock a login for {@code username} holds from the throttle check through the password
     * check to recording the outcome. Parallel guesses for one username therefore see every
     * earlier failure (none slips through while others are being checked); a legitimate burst just
     * queues. Striped, so memory does not grow with the usernames tried.
     */
    public Object lockFor(String username) {
        return stripes[Math.floorMod(username.hashCode(), stripes.length)];
    }

    /** How long {@code username} must wait, if it has used up its failures in the window. */
    public synchronized Optional<Duration> blockedFor(String username) {
        Deque<Instant> recent = prune(username);
        if (recent == null || recent.size() < maxFailures) {
            return Optional.empty();
        }
        Duration wait = Duration.between(clock.instant(), recent.peekFirst().plus(window));
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    public synchronized void failed(String username) {
        failuresTotal.incrementAndGet();
        failures.computeIfAbsent(username, name -> new ArrayDeque<>()).addLast(clock.instant());
    }

    /** A successful login: the username starts afresh. */
    public synchronized void succeeded(String username) {
        failures.remove(username);
    }

    /** Every failed login since start, for metrics. */
    public long failuresTotal() {
        return failuresTotal.get();
    }

    private Deque<Instant> prune(String username) {
        Deque<Instant> recent = failures.get(username);
        if (recent == null) {
            return null;
        }
        Instant horizon = clock.instant().minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
            recent.removeFirst();
        }
        if (recent.isEmpty()) {
            failures.remove(username);
            return null;
        }
        return recent;
    }
}
