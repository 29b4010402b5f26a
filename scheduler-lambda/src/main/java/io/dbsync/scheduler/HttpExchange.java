package io.dbsync.scheduler;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request and waits for the complete answer, never longer than the request timeout or
 * the invocation's deadline, whichever comes first.
 *
 * <p>{@link HttpRequest#timeout} alone is not enough: the JDK client stops that timer once the
 * response headers arrive, so a peer that sends headers and then stalls the body would hang the
 * invocation. Waiting on the future with the same bound, and cancelling it, covers the body too.
 */
final class HttpExchange {
    /** Far above any result JSON; only there so a runaway peer cannot exhaust the heap. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final HttpClient client;
    private final Duration requestTimeout;

    HttpExchange(HttpClient client, Duration requestTimeout) {
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    /**
     * @throws HttpTimeoutException no complete answer in time (also when no time was left)
     * @throws IOException          any other transport failure, as the JDK client reports it
     */
    HttpReply send(HttpRequest.Builder request, Deadline deadline) throws IOException {
        Duration timeout = deadline.cap(requestTimeout);
        if (timeout.isZero()) {
            throw new HttpTimeoutException("no time left in the invocation's budget");
        }
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request.timeout(timeout).build(), new BoundedBody(MAX_BODY_BYTES));
        try {
            HttpResponse<byte[]> response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new HttpReply(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiCallException(null, "interrupted while waiting for an HTTP response", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "request failed" : cause.toString(), cause);
        }
    }
}
