package io.dbsync.api.config;

import java.util.Locale;

/** How a staged collection is checked before the swap. */
public enum VerifyMode {
    /** Documents read = written = counted on staging, and equal index specs (always done). */
    COUNT,
    /** COUNT, plus a SHA-256 over the raw bytes in {@code _id} order, read back from staging and compared. */
    DIGEST;

    public static VerifyMode parse(String variable, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(variable + " must be count or digest");
        }
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
