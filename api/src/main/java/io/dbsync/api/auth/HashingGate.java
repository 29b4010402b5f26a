package io.dbsync.api.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The global cap on password-hash checks: at most {@code permits} run at once, a few more wait a
 * short, bounded time, and the rest are refused at once. Whoever sends the logins — one user, many
 * guessers with rotating usernames and addresses — the hashing can take at most {@code permits}
 * cores, and the requests that need no hash (cached logins, {@code /health}) keep theirs.
 */
public final class HashingGate {
    private final int permits;
    private final int maxWaiting;
    private final Duration maxWait;
    private final Semaphore semaphore;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicInteger peakInUse = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    /** A check that may run; close it when the hashing is done. */
    public final class Permit implements AutoCloseable {
        private boolean closed;

        private Permit() {
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                inUse.decrementAndGet();
                semaphore.release();
            }
        }
    }

    public HashingGate(int permits, int maxWaiting, Duration maxWait) {
        this.permits = permits;
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
        this.semaphore = new Semaphore(permits, true);
    }

    /** A permit now, or after a short wait in a bounded queue; empty when the queue is full or the wait runs out. */
    public Optional<Permit> tryEnter() {
        if (!semaphore.tryAcquire()) {
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                refused.incrementAndGet();
                return Optional.empty();
            }
            try {
                if (!semaphore.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                    refused.incrementAndGet();
                    return Optional.empty();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refused.incrementAndGet();
                return Optional.empty();
            } finally {
                waiting.decrementAndGet();
            }
        }
        peakInUse.accumulateAndGet(inUse.incrementAndGet(), Math::max);
        return Optional.of(new Permit());
    }

    /** Callers waiting in the queue right now. */
    int waiting() {
        return waiting.get();
    }

    public int permits() {
        return permits;
    }

    /** The most checks that ever ran at once. */
    public int peakInUse() {
        return peakInUse.get();
    }

    /** Logins refused because the gate and its queue were full. */
    public long refused() {
        return refused.get();
    }
}
