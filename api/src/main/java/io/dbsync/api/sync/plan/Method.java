package io.dbsync.api.sync.plan;

import com.fasterxml.jackson.annotation.JsonValue;

/** How one collection is brought up to date in a run. The JSON names are the API's since delta runs began. */
public enum Method {
    /** Copied in full into staging, verified, swapped in. */
    COPY("copy"),
    /** Copied in full straight into place: the collection was absent or empty on the standby, so nothing is at stake. */
    DIRECT("direct"),
    /** Changes read from the source's change stream, applied in place. */
    STREAM("stream"),
    /** Contents compared with the standby's in {@code _id} order, the difference applied in place. */
    COMPARE("digest"),
    /** A view: its definition is recreated, never its output. */
    VIEW("definition");

    private final String json;

    Method(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    /** Applied in place on the standby collection, rather than staged and swapped. */
    public boolean isInPlace() {
        return this == STREAM || this == COMPARE;
    }

    /** Every document is copied from the source (into staging or straight into place). */
    public boolean isFullCopy() {
        return this == COPY || this == DIRECT;
    }
}
