package io.dbsync.api.sync.mongo;

import com.mongodb.MongoSocketException;
import io.dbsync.api.config.Redactor;

/** Turns an exception into a short message fit for a run result: its kind and its redacted text. */
public final class FailureMessages {
    private static final int MAX_LENGTH = 500;

    private FailureMessages() {
    }

    public static String describe(Throwable error) {
        String message = Redactor.redact(String.valueOf(error.getMessage()));
        if (message.length() > MAX_LENGTH) {
            message = message.substring(0, MAX_LENGTH) + "…";
        }
        // A socket error's text rarely says which server: with two, the operator needs to know (host and port only).
        String server = error instanceof MongoSocketException socket && socket.getServerAddress() != null
                && !message.contains(socket.getServerAddress().toString()) ? " (server " + socket.getServerAddress() + ")" : "";
        return error.getClass().getSimpleName() + ": " + message + server;
    }
}
