package io.dbsync.api.config;

import java.util.Locale;

/** How a run brings the standby up to date. */
public enum SyncMode {
    /** Copy every collection into staging and swap all in at the end: the standby is never half-written. */
    FULL,
    /**
     * Apply only what changed, in place: from each collection's change stream when dbsync holds a
     * position for it, else by comparing contents; collections with no complete copy are copied in full.
     */
    DELTA,
    /** DELTA once the standby holds a complete copy made by dbsync; a first run is FULL. */
    AUTO;

    public static SyncMode parse(String variable, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(variable + " must be full, delta or auto");
        }
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
