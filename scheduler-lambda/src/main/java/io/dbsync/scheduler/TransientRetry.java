package io.dbsync.scheduler;

import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Repeats a call while it fails transiently (connection refused or reset, timeouts, HTTP
 * 502/503/504), with capped exponential backoff, and only while the deadline allows. Every other
 * answer, 4xx included, goes straight back to the caller: retrying a wrong password only locks
 * the account, and a 429 means the API asked us to stop.
 */
final class TransientRetry {
    private final Pacing pacing;

    TransientRetry(Pacing pacing) {
        this.pacing = pacing;
    }

    /** One try of the call, bounded by the deadline it is given. */
    @FunctionalInterface
    interface Attempt {
        HttpReply send(Deadline deadline) throws IOException;
    }

    /** The call gave up; {@link #budgetExhausted} tells a timeout from a hard failure. */
    static final class GaveUp extends Exception {
        final boolean budgetExhausted;

        GaveUp(boolean budgetExhausted, String message, Throwable cause) {
            super(message, cause);
            this.budgetExhausted = budgetExhausted;
        }
    }

    /** @param what names the call in messages, e.g. {@code POST /syncdb} */
    HttpReply call(String what, Deadline deadline, Attempt attempt) throws GaveUp {
        String lastFailure = null;
        IOException lastCause = null;
        for (int attemptNo = 1; ; attemptNo++) {
            if (deadline.expired()) {
                throw new GaveUp(true, what + " ran out of time" + lastFailure(lastFailure), lastCause);
            }
            Duration serverHint = Duration.ZERO;
            try {
                HttpReply reply = attempt.send(deadline);
                if (!isTransient(reply.status())) {
                    return reply;
                }
                lastFailure = "HTTP " + reply.status();
                lastCause = null;
                serverHint = reply.retryAfter().orElse(Duration.ZERO);
            } catch (IOException e) {
                if (!isTransient(e)) {
                    throw new GaveUp(false, what + " failed: " + describe(e), e);
                }
                lastFailure = describe(e);
                lastCause = e;
            }
            if (attemptNo >= pacing.maxAttempts()) {
                throw new GaveUp(false, what + " failed after " + attemptNo + " attempts" + lastFailure(lastFailure),
                        lastCause);
            }
            Duration delay = max(pacing.retryDelay(attemptNo), serverHint);
            if (delay.compareTo(pacing.maxRetryDelay()) > 0) {
                delay = pacing.maxRetryDelay();
            }
            if (deadline.remaining().compareTo(delay) <= 0) {
                throw new GaveUp(true, what + " ran out of time" + lastFailure(lastFailure), lastCause);
            }
            pause(delay);
        }
    }

    static boolean isTransient(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /**
     * Transport failures are worth another try (refused, reset, EOF, timeouts), except TLS
     * failures and oversized bodies, which would only repeat themselves.
     */
    static boolean isTransient(IOException e) {
        return !(e instanceof SSLException) && !(e instanceof BoundedBody.TooLargeException);
    }

    static String describe(IOException e) {
        // The JDK client often throws with a null message (e.g. ConnectException): the type says it.
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }

    private static String lastFailure(String lastFailure) {
        return lastFailure == null ? "" : " (last failure: " + lastFailure + ")";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiCallException(null, "interrupted while waiting to retry", e);
        }
    }
}
