package io.dbsync.api.sync;

import io.dbsync.api.sync.guard.Divergence;
import io.dbsync.api.sync.plan.SyncFailedException;

/** A guard refused the run before it wrote anything; the message names the figures and the way out. */
public class RunRefusedException extends SyncFailedException {
    private final Refusal refusal;
    private final transient Divergence divergence;

    public RunRefusedException(Refusal refusal, String message) {
        this(refusal, message, null);
    }

    public RunRefusedException(Refusal refusal, String message, Divergence divergence) {
        super(message);
        this.refusal = refusal;
        this.divergence = divergence;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** What the divergence check found, for a {@link Refusal#STANDBY_DIVERGED} refusal; else null. */
    public Divergence divergence() {
        return divergence;
    }
}
