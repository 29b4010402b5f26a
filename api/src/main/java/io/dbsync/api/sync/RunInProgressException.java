package io.dbsync.api.sync;

import io.dbsync.api.DbSyncException;

/** A run was asked for while another is writing the standby. */
public class RunInProgressException extends DbSyncException {
    private final String runningRunId;

    public RunInProgressException(String runningRunId) {
        super("a sync run is already in progress: " + runningRunId);
        this.runningRunId = runningRunId;
    }

    public String runningRunId() {
        return runningRunId;
    }
}
