package io.dbsync.api.sync.snapshot.archive;

/** The {@code type} that listCollections reports and the archive's prelude repeats. */
public enum CollectionType {
    COLLECTION("collection"),
    VIEW("view"),
    /** Its documents live in the data namespace {@code system.buckets.<name>}. */
    TIMESERIES("timeseries"),
    /** Servers older than 3.4 report no type; mongodump then writes an empty string. */
    UNSPECIFIED("");

    private final String wireName;

    CollectionType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type for a wire name; an unknown one is refused by name. */
    public static CollectionType fromWireName(String name) {
        for (CollectionType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown collection type '" + name + "'");
    }
}
