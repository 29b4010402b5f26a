package io.dbsync.testkit.atlas;

import java.util.function.LongSupplier;

/**
 * A token bucket shared by all connections of one server: {@code perSecond} tokens a second, at most one
 * second's worth saved up, one token per operation. An operation beyond the budget is not refused: it
 * reserves the next free token and learns how long to wait for it, so queued operations run in the
 * order they asked, each {@code 1/perSecond} after the previous one.
 *
 * <p>Hand-written rather than Guava's {@code RateLimiter} or Bucket4j: the profile needs a
 * non-blocking reservation (how long to wait, without waiting) on a netty event loop, which the former
 * keeps package-private; twenty lines do not justify the latter as a new dependency.
 */
final class OperationBudget {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSecond;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    OperationBudget(int perSecond, LongSupplier nanoClock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("an operations budget needs at least 1 operation per second");
        }
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.tokens = perSecond;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes one token; returns how many nanoseconds the operation must wait for it (0 = go now). */
    synchronized long reserveNanos() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(perSecond, tokens + (now - lastRefill) * perSecond / NANOS_PER_SECOND);
        lastRefill = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / perSecond);
    }
}
