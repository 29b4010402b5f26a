package io.dbsync.api.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before the app sees the request (a bad request line, headers too
 * large, an unsupported HTTP version), in the same JSON shape as every other error. The message is
 * the status's standard phrase, never text the client sent.
 */
final class JettyJsonErrorHandler extends ErrorHandler {
    private static final ByteBuffer UNSUPPORTED_VERSION = ByteBuffer.wrap(
            "{\"error\":\"unsupported HTTP version; use HTTP/1.1\",\"status\":400}".getBytes(StandardCharsets.UTF_8))
            .asReadOnlyBuffer();

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        int status = clientFacing(code);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? UNSUPPORTED_VERSION.duplicate() : body(status),
                callback);
    }

    /**
     * A request line naming an HTTP version Jetty does not speak ({@code HTTP/1.2}, {@code HTTP/9}) is
     * the client's mistake, answered 400 rather than Jetty's 505: no response of this service at or
     * above 500 may stem from what a client sent, so a 5xx always means a fault on our side.
     */
    static int clientFacing(int code) {
        return code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? HttpStatus.BAD_REQUEST_400 : code;
    }

    /**
     * Jetty writes an error body only for GET, POST and HEAD; a malformed request with any other
     * method (a lowercase {@code get}, say) got a 400 with no body at all. Every method gets the
     * JSON shape (Jetty still sends no body to a HEAD).
     */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return body(status);
    }

    static ByteBuffer body(int status) {
        String phrase = String.valueOf(HttpStatus.getMessage(status)).toLowerCase(Locale.ROOT).replace("\"", "");
        return ByteBuffer.wrap(("{\"error\":\"" + phrase + "\",\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8));
    }
}
