package io.dbsync.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one JSON shape of every error: {@code {"error": "...", "status": 401}}, plus the id of the
 * run already going (409) or of the request (500) when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String error, int status, String runId, String requestId) {

    public static ErrorResponse of(int status, String message) {
        return new ErrorResponse(message, status, null, null);
    }
}
