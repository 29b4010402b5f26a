package io.dbsync.api.auth;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what the login path did, for {@code /metrics} and for tests that prove a path was (not) taken. */
public final class AuthStats {
    private final AtomicLong bcryptChecks = new AtomicLong();
    private final AtomicLong legacyChecks = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong rehashed = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    void bcryptCheck() {
        bcryptChecks.incrementAndGet();
    }

    void legacyCheck() {
        legacyChecks.incrementAndGet();
    }

    void cacheHit() {
        cacheHits.incrementAndGet();
    }

    void rehashed() {
        rehashed.incrementAndGet();
    }

    void throttled() {
        throttled.incrementAndGet();
    }

    /** bcrypt verifications run (dummy ones for unknown users included). */
    public long bcryptChecks() {
        return bcryptChecks.get();
    }

    /** Verifications against the seed's werkzeug hashes. */
    public long legacyChecks() {
        return legacyChecks.get();
    }

    /** Logins accepted from the verified-credential cache, with no hash check. */
    public long cacheHits() {
        return cacheHits.get();
    }

    /** Legacy hashes replaced by bcrypt after a successful login. */
    public long rehashedTotal() {
        return rehashed.get();
    }

    /** Logins answered 429 by a per-username or per-client limit. */
    public long throttledTotal() {
        return throttled.get();
    }
}
