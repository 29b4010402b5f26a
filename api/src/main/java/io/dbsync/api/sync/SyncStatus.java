package io.dbsync.api.sync;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a run stands. */
public enum SyncStatus {
    RUNNING, COMPLETED, FAILED, REFUSED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
