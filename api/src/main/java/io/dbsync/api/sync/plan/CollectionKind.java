package io.dbsync.api.sync.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kinds of namespace {@code listCollections} reports, each copied its own way. */
public enum CollectionKind {
    /** An ordinary collection (also capped and clustered ones): staged, then renamed in. */
    COLLECTION,
    /** A view: its definition is recreated, never its output. */
    VIEW,
    /** A time-series collection: staged, then moved in with {@code $out}, which renameCollection does not support. */
    TIMESERIES;

    public static CollectionKind fromListCollectionsType(String type) {
        if (type == null) {
            return COLLECTION;
        }
        return switch (type) {
            case "view" -> VIEW;
            case "timeseries" -> TIMESERIES;
            default -> COLLECTION;
        };
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
