package io.dbsync.api.sync;

import com.fasterxml.jackson.annotation.JsonValue;
import io.dbsync.api.store.StandbyStates;
import java.util.Locale;

/** The standby as {@code /health} and {@code /metrics} show it: a paused standby is paused, whatever else. */
public enum StandbyStatus {
    OK, DIVERGED, PAUSED;

    public static StandbyStatus of(StandbyStates.State state) {
        return state.paused() ? PAUSED : state.diverged() ? DIVERGED : OK;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
