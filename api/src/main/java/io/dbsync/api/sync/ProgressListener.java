package io.dbsync.api.sync;

/** Hears about a run's progress as it happens (metrics, logs, tests that act mid-copy). */
public interface ProgressListener {
    ProgressListener NONE = (runId, collection, documentsSoFar) -> { };

    /** Called from an insert worker after each batch lands in a staging collection. */
    void batchWritten(String runId, String collection, long documentsSoFar);
}
