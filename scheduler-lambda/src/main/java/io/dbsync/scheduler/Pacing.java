package io.dbsync.scheduler;

import java.time.Duration;

/**
 * How patient the scheduler is: the safety margin kept before Lambda's own timeout, the poll
 * interval while a run is going, and the backoff between retries of transient failures. Fixed in
 * production ({@link #DEFAULT}); tests pass shorter ones through the handler's constructor.
 *
 * <p>No jitter: there is one scheduler per deployment, so there is no herd to spread out.
 */
record Pacing(Duration safetyMargin, Duration firstPollDelay, Duration maxPollDelay,
              Duration firstRetryDelay, Duration maxRetryDelay, int maxAttempts) {

    static final Pacing DEFAULT = new Pacing(
            Duration.ofSeconds(3),
            Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofSeconds(8),
            4);

    Pacing {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Wait before retry number {@code retry} (1 for the first retry): doubling, capped. */
    Duration retryDelay(int retry) {
        return doubling(firstRetryDelay, maxRetryDelay, retry);
    }

    /** Wait before poll number {@code poll} (1 for the first poll): doubling, capped. */
    Duration pollDelay(int poll) {
        return doubling(firstPollDelay, maxPollDelay, poll);
    }

    private static Duration doubling(Duration first, Duration max, int n) {
        // Shift at most 30 times: beyond that the cap has long been reached and longs would overflow.
        long millis = first.toMillis() << Math.min(30, Math.max(0, n - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
