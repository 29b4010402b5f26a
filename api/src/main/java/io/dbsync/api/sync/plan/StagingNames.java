package io.dbsync.api.sync.plan;

/**
 * Names of the staging collections a run writes on the target before swapping them in. Each run
 * has its own ({@code <name>__dbsync_staging_<run>}): a run that lost its lock but is still writing
 * (a stalled or partitioned instance) can then only write into its own staging, never into the
 * one the new lock holder will swap in.
 */
public final class StagingNames {
    public static final String MARKER = "__dbsync_staging";

    private StagingNames() {
    }

    /** The run's short tag, taken from its id. */
    public static String runTag(String runId) {
        return runId.replace("-", "").substring(0, 8);
    }

    public static String stagingFor(String collection, String runTag) {
        return collection + MARKER + "_" + runTag;
    }

    public static boolean isStaging(String collection) {
        return collection.contains(MARKER);
    }

    /** Namespaces a run never copies: the server's own and dbsync's staging collections. */
    public static boolean isSkipped(String collection) {
        return collection.startsWith("system.") || isStaging(collection);
    }
}
