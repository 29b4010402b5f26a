package io.dbsync.api.store;

import java.util.concurrent.atomic.AtomicReference;

/** A run lock for a single API process. */
public final class InProcessRunLock implements RunLock {
    private final AtomicReference<String> holder = new AtomicReference<>();

    @Override
    public Attempt tryAcquire(String runId) {
        while (true) {
            if (holder.compareAndSet(null, runId)) {
                return new Attempt(true, runId);
            }
            String current = holder.get();
            if (current != null) {
                return new Attempt(false, current);
            }
        }
    }

    @Override
    public boolean isHeld(String runId) {
        return runId.equals(holder.get());
    }

    @Override
    public void release(String runId) {
        holder.compareAndSet(runId, null);
    }
}
