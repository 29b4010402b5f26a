package io.dbsync.api.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The run lock across API instances: a PostgreSQL session-level advisory lock, held on a
 * connection of its own for the whole run. If the holder dies, its session ends and PostgreSQL
 * releases the lock at once — no lease to wait out.
 */
public final class PostgresRunLock implements RunLock {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRunLock.class);
    /** A fixed key: one standby per users database. ("dbsync" as ASCII.) */
    static final long LOCK_KEY = 0x646273796e63L;
    private static final Duration HOLDER_LOOKUP = Duration.ofSeconds(2);

    private final Jdbi jdbi;
    private final Map<String, Handle> held = new ConcurrentHashMap<>();

    public PostgresRunLock(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Attempt tryAcquire(String runId) {
        Handle handle = jdbi.open();
        boolean acquired;
        try {
            acquired = handle.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", LOCK_KEY)
                    .mapTo(Boolean.class).one();
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        if (acquired) {
            held.put(runId, handle);
            return new Attempt(true, runId);
        }
        handle.close();
        return new Attempt(false, holder().orElse(null));
    }

    /**
     * The run recorded as running. The holder takes the lock a moment before it records its run,
     * so a contender may look too early; it looks again, briefly, before giving up on the id.
     */
    private Optional<String> holder() {
        long deadline = System.nanoTime() + HOLDER_LOOKUP.toNanos();
        while (true) {
            Optional<String> running = jdbi.withExtension(RunDao.class, RunDao::running).map(RunRecord::id);
            if (running.isPresent() || System.nanoTime() > deadline) {
                return running;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20); // polling another process's commit; nothing to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** True while the lock's session is alive: checked just before the swap. */
    @Override
    public boolean isHeld(String runId) {
        Handle handle = held.get(runId);
        if (handle == null) {
            return false;
        }
        try {
            return handle.createQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                            + "AND pid = pg_backend_pid() AND objid::bigint = :low")
                    .bind("low", LOCK_KEY & 0xffffffffL).mapTo(Long.class).one() > 0;
        } catch (RuntimeException e) {
            LOG.warn("event=run_lock.check_failed runId={} reason={}", runId, e.getClass().getSimpleName());
            return false;
        }
    }

    @Override
    public void release(String runId) {
        Handle handle = held.remove(runId);
        if (handle == null) {
            return;
        }
        try {
            handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", LOCK_KEY).mapTo(Boolean.class).one();
        } catch (RuntimeException e) {
            // Closing the session below releases it anyway.
            LOG.warn("event=run_lock.unlock_failed runId={} reason={}", runId, e.getClass().getSimpleName());
        } finally {
            handle.close();
        }
    }
}
