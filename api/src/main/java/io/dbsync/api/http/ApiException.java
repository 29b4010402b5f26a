package io.dbsync.api.http;

import io.dbsync.api.DbSyncException;
import java.util.LinkedHashMap;
import java.util.Map;

/** An error meant for the client: an HTTP status, a message, and any headers it needs. */
public class ApiException extends DbSyncException {
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
