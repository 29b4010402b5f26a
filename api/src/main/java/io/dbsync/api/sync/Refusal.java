package io.dbsync.api.sync;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a run was refused before it wrote anything. The JSON names are the scheduler's {@code reason}. */
public enum Refusal {
    /** The source lost too much (an emptied collection or database): the deletion guard. */
    DELETION_GUARD,
    /** The standby took writes dbsync did not make since its last run. */
    STANDBY_DIVERGED,
    /** An operator paused runs against this standby. */
    PAUSED,
    /** The run cannot fit the standby's storage limit. */
    STORAGE_LIMIT;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
