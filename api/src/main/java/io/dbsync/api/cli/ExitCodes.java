package io.dbsync.api.cli;

import io.dbsync.api.sync.SyncStatus;

/** The exit codes of the commands that run: documented in docs/operations.md. */
final class ExitCodes {
    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int BAD_CONFIGURATION = 2;
    static final int REFUSED = 3;

    private ExitCodes() {
    }

    static int of(SyncStatus status) {
        return switch (status) {
            case COMPLETED -> COMPLETED;
            case REFUSED -> REFUSED;
            default -> FAILED;
        };
    }
}
