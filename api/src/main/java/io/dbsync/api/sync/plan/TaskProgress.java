package io.dbsync.api.sync.plan;

/** Hears what the engine's workers do, as they do it: live figures for the run's callers. */
public interface TaskProgress {

    /** A worker began on {@code plan}'s collection. */
    void started(CollectionPlan plan);

    /** A batch of writes landed on the standby (or in staging). */
    void written(String collection, long documents, long bytes);

    /** Documents read from the source ({@code bytes} of raw BSON). */
    void sourceRead(long bytes);

    /** Documents read back from the standby (a comparison, a digest). */
    void standbyRead(long bytes);

    /** The collection is done: staged and verified, or brought up to date in place. */
    void finished(String collection);
}
