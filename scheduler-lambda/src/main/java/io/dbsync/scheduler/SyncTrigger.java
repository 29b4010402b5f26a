package io.dbsync.scheduler;

import io.dbsync.scheduler.json.JsonException;
import io.dbsync.scheduler.json.JsonObject;

import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.Optional;

/**
 * Starts a run (or joins the one already going) and follows it until it ends or the deadline
 * comes. Reads the API's answers; {@link ApiClient} does the transport.
 */
final class SyncTrigger {
    /** Below this much time left a last poll could not get an answer back; stop and say so. */
    static final Duration MIN_POLL_WINDOW = Duration.ofMillis(200);
    private static final String START = "POST /syncdb";

    private final ApiClient api;
    private final Pacing pacing;

    SyncTrigger(ApiClient api, Pacing pacing) {
        this.api = api;
        this.pacing = pacing;
    }

    /** @return the ended run, whatever its status; the caller decides what counts as success */
    ApiRunReply run(Credentials credentials, Deadline deadline) {
        HttpReply reply;
        try {
            reply = api.startSync(credentials, deadline);
        } catch (TransientRetry.GaveUp e) {
            throw gaveUp(e, null, "timed out starting the sync: " + e.getMessage());
        }
        switch (reply.status()) {
            case 200:
            case 500: {
                // 500 carries a failed run's result; a bare error body means the API itself broke.
                ApiRunReply result = resultOrError(reply, START);
                return result.running() ? follow(credentials, runIdOf(result, reply), deadline) : result;
            }
            case 202:
                return follow(credentials, runIdFromAccepted(reply), deadline);
            case 409:
                // A run is already going (another trigger, or our own earlier attempt): follow it.
                return follow(credentials, runIdFromBody(reply, START), deadline);
            default:
                throw httpError(reply, START, null);
        }
    }

    private ApiRunReply follow(Credentials credentials, String runId, Deadline deadline) {
        for (int poll = 1; ; poll++) {
            Duration remaining = deadline.remaining();
            if (remaining.compareTo(MIN_POLL_WINDOW) < 0) {
                throw timedOut(runId, null, null);
            }
            // Half the remaining time at most, so there is always room for one more answer.
            Duration wait = pacing.pollDelay(poll);
            if (wait.compareTo(remaining.dividedBy(2)) > 0) {
                wait = remaining.dividedBy(2);
            }
            pause(wait, runId);
            HttpReply reply;
            try {
                reply = api.getRun(credentials, runId, deadline);
            } catch (TransientRetry.GaveUp e) {
                if (e.budgetExhausted) {
                    throw timedOut(runId, e.getMessage(), e.getCause());
                }
                throw new ApiCallException(runId, "lost track of run " + runId + ": " + e.getMessage(), e.getCause());
            }
            String what = "GET /runs/" + runId;
            if (reply.status() != 200) {
                throw httpError(reply, what, runId);
            }
            ApiRunReply result = resultOrError(reply, what);
            if (!result.running()) {
                return result;
            }
        }
    }

    private ApiRunReply resultOrError(HttpReply reply, String what) {
        String text = text(reply, what, null);
        try {
            JsonObject body = JsonObject.parse(text);
            if (reply.status() != 200 && !body.isString("status")) {
                // {"error": "...", "status": 500}: the API's error shape, not a run result.
                throw httpError(reply, what, null);
            }
            return ApiRunReply.parse(text);
        } catch (JsonException e) {
            throw invalid(reply, what, null, e);
        }
    }

    private String runIdFromAccepted(HttpReply reply) {
        Optional<String> fromBody = optionalRunId(reply);
        if (fromBody.isPresent()) {
            return checkedRunId(fromBody.get(), reply, START);
        }
        // The body had no id; the Location header (/runs/{id}) is the other half of the contract.
        String location = reply.header("Location").orElseThrow(() -> new ApiCallException(null,
                START + " answered HTTP 202 without a run id or Location header", null));
        return checkedRunId(location.substring(location.lastIndexOf('/') + 1), reply, START);
    }

    private String runIdFromBody(HttpReply reply, String what) {
        String runId = optionalRunId(reply).orElseThrow(() -> new ApiCallException(null,
                what + " answered HTTP " + reply.status() + " without a run id", null));
        return checkedRunId(runId, reply, what);
    }

    private Optional<String> optionalRunId(HttpReply reply) {
        try {
            return JsonObject.parse(text(reply, START, null)).string("runId");
        } catch (JsonException e) {
            if (reply.status() == 202 && reply.header("Location").isPresent()) {
                return Optional.empty();
            }
            throw invalid(reply, START, null, e);
        }
    }

    private static String runIdOf(ApiRunReply result, HttpReply reply) {
        if (result.runId() == null) {
            throw new ApiCallException(null, START + " answered a running result without a run id", null);
        }
        return checkedRunId(result.runId(), reply, START);
    }

    private static String checkedRunId(String runId, HttpReply reply, String what) {
        if (!ApiClient.RUN_ID.matcher(runId).matches()) {
            throw new ApiCallException(null, what + " answered HTTP " + reply.status()
                    + " with a run id that is not a plain token", null);
        }
        return runId;
    }

    private static String text(HttpReply reply, String what, String runId) {
        try {
            return reply.text();
        } catch (CharacterCodingException e) {
            throw new ApiCallException(runId, what + " answered HTTP " + reply.status()
                    + " with a body that is not UTF-8", e);
        }
    }

    private static ApiCallException invalid(HttpReply reply, String what, String runId, JsonException e) {
        return new ApiCallException(runId, what + " answered HTTP " + reply.status() + " with "
                + reply.body().length + " bytes that are not the expected JSON (" + e.getMessage() + ")", e);
    }

    static ApiCallException httpError(HttpReply reply, String what, String runId) {
        String hint;
        switch (reply.status()) {
            case 401: hint = " (wrong DBSYNC_USERNAME or password; not retried)"; break;
            case 403: hint = " (the user may be disabled; not retried)"; break;
            case 404: hint = runId == null ? " (is DBSYNC_URL the API's base URL?)" : " (the API does not know this run)"; break;
            case 429: hint = " (throttled" + reply.retryAfter().map(d -> ", Retry-After " + d.toSeconds() + " s").orElse("")
                    + "; not retried)"; break;
            default: hint = "";
        }
        return new ApiCallException(runId, what + " answered HTTP " + reply.status() + hint + errorMessage(reply), null);
    }

    /** The API's own message from its error JSON, if it sent one, kept short. */
    private static String errorMessage(HttpReply reply) {
        try {
            Optional<String> message = JsonObject.parse(reply.text()).string("error");
            return message.map(m -> ": " + (m.length() > 300 ? m.substring(0, 300) + "…" : m)).orElse("");
        } catch (JsonException | CharacterCodingException e) {
            return "";
        }
    }

    private static SchedulerException gaveUp(TransientRetry.GaveUp e, String runId, String timeoutMessage) {
        if (e.budgetExhausted) {
            return new SyncTimeoutException(runId, timeoutMessage, e.getCause());
        }
        return new ApiCallException(runId, e.getMessage(), e.getCause());
    }

    private static SyncTimeoutException timedOut(String runId, String detail, Throwable cause) {
        return new SyncTimeoutException(runId, "timed out waiting for run " + runId + ": "
                + (detail == null ? "still running when the invocation's time budget ran out" : detail)
                + "; the run may still finish (see GET /runs/" + runId + ")", cause);
    }

    private static void pause(Duration wait, String runId) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiCallException(runId, "interrupted while following run " + runId, e);
        }
    }
}
