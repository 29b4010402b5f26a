package io.dbsync.api.sync;

/** Names of the staging collections a run writes on the target before swapping them in. */
public final class StagingNames {
    public static final String SUFFIX = "__dbsync_staging";

    private StagingNames() {
    }

    public static String stagingFor(String collection) {
        return collection + SUFFIX;
    }

    public static boolean isStaging(String collection) {
        return collection.endsWith(SUFFIX);
    }

    /** Namespaces a run never copies: the server's own and dbsync's staging collections. */
    public static boolean isSkipped(String collection) {
        return collection.startsWith("system.") || isStaging(collection);
    }
}
