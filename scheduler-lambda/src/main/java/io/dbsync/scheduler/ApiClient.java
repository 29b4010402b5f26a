package io.dbsync.scheduler;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.regex.Pattern;

/** The two dbsync API calls the scheduler makes, with auth, timeouts and transient retries. */
final class ApiClient {
    static final String USER_AGENT = "dbsync-scheduler";
    /** What a run id may look like before it goes into a URL path (UUIDs, ULIDs, numbers). */
    static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    private final URI baseUrl;
    private final HttpExchange exchange;
    private final TransientRetry retry;

    ApiClient(URI baseUrl, HttpExchange exchange, TransientRetry retry) {
        this.baseUrl = baseUrl;
        this.exchange = exchange;
        this.retry = retry;
    }

    /**
     * Starts a run. Retrying a POST is safe here: if the first one did reach the API, the retry
     * answers 409 with that run's id and we follow it, so one trigger still means one run.
     */
    HttpReply startSync(Credentials credentials, Deadline deadline) throws TransientRetry.GaveUp {
        return retry.call("POST /syncdb", deadline, d -> exchange.send(
                request("/syncdb", credentials)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")),
                d));
    }

    /** Reads a run's state; {@code runId} must match {@link #RUN_ID}. */
    HttpReply getRun(Credentials credentials, String runId, Deadline deadline) throws TransientRetry.GaveUp {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id is not URL-safe");
        }
        return retry.call("GET /runs/" + runId, deadline, d -> exchange.send(
                request("/runs/" + runId, credentials).GET(), d));
    }

    private HttpRequest.Builder request(String path, Credentials credentials) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", credentials.authorization())
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
    }
}
