package io.dbsync.api.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Whether the standby is fresh: a run completed within the window. {@code /health} and the status page ask the same way. */
record Freshness(Optional<Instant> lastSuccessAt, Duration window, boolean stale) {

    static Freshness of(Optional<Instant> lastSuccessAt, Duration window, Instant now) {
        boolean stale = lastSuccessAt.map(last -> last.isBefore(now.minus(window))).orElse(true);
        return new Freshness(lastSuccessAt, window, stale);
    }
}
