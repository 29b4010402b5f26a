package io.dbsync.api.store;

/**
 * The in-process lock first (it knows the running run's id at once and costs no round trip),
 * then the cross-instance one.
 */
public final class LayeredRunLock implements RunLock {
    private final RunLock local;
    private final RunLock shared;

    public LayeredRunLock(RunLock local, RunLock shared) {
        this.local = local;
        this.shared = shared;
    }

    @Override
    public Attempt tryAcquire(String runId) {
        Attempt first = local.tryAcquire(runId);
        if (!first.acquired()) {
            return first;
        }
        try {
            Attempt second = shared.tryAcquire(runId);
            if (!second.acquired()) {
                local.release(runId);
            }
            return second;
        } catch (RuntimeException e) {
            local.release(runId);
            throw e;
        }
    }

    @Override
    public boolean isHeld(String runId) {
        return local.isHeld(runId) && shared.isHeld(runId);
    }

    @Override
    public void release(String runId) {
        shared.release(runId);
        local.release(runId);
    }
}
