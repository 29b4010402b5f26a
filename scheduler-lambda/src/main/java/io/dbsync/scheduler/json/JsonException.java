package io.dbsync.scheduler.json;

/**
 * Input that is not the JSON we expect; the message says where, never what the text was. Public
 * with a public constructor so that readers built on {@link JsonObject} report a wrong value
 * (a negative count, an unknown status) in the same vocabulary as a syntax error.
 */
public final class JsonException extends Exception {
    public JsonException(String message) {
        super(message);
    }
}
