package io.dbsync.api.sync.plan;

/** A staged collection does not match its source; the run fails before anything is swapped. */
public class VerificationException extends SyncFailedException {
    public VerificationException(String message) {
        super(message);
    }
}
