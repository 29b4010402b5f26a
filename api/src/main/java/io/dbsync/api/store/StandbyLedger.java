package io.dbsync.api.store;

import java.util.Map;

/**
 * Which standby collections hold a complete copy made by dbsync, and from which change-stream
 * position each one's next delta starts. One ledger per source and standby pair.
 */
public interface StandbyLedger {

    /**
     * One standby collection dbsync brought up to date.
     *
     * @param position the change-stream position (extended JSON) the next delta starts from, or null
     *                 when the source offered no change stream (the next delta compares contents)
     */
    record Entry(String collection, String position, String runId) {
    }

    /** Every collection of the pair, by name. */
    Map<String, Entry> entries();

    /** Records that {@code collection} is complete on the standby up to {@code position} (null: none). */
    void save(String collection, String position, String runId);

    /** Forgets a collection (dropped from the standby, or to be copied in full again). */
    void forget(String collection);
}
