package io.dbsync.scheduler;

/** Input that is not the JSON we expect; the message says where, never what the text was. */
final class JsonException extends Exception {
    JsonException(String message) {
        super(message);
    }
}
