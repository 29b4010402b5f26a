package io.dbsync.api.auth;

/** Whether a user may call the API. */
public enum UserStatus {
    ACTIVE, DISABLED;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static UserStatus fromDb(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
