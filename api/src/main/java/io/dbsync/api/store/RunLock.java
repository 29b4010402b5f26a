package io.dbsync.api.store;

/** Lets one run at a time write the standby. */
public interface RunLock {

    /** The result of an attempt: acquired, or held by another run whose id is given. */
    record Attempt(boolean acquired, String holderRunId) {
    }

    /** Takes the lock for {@code runId} if it is free. */
    Attempt tryAcquire(String runId);

    /** True while {@code runId} still holds the lock (checked before anything is swapped). */
    boolean isHeld(String runId);

    /** Releases the lock if {@code runId} holds it. */
    void release(String runId);
}
