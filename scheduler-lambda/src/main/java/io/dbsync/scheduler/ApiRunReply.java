package io.dbsync.scheduler;

import io.dbsync.scheduler.json.JsonException;
import io.dbsync.scheduler.json.JsonObject;

import java.util.Optional;

/**
 * The API's answer about one run, running or ended, as the scheduler reads it: the parts it
 * reports on, plus the JSON itself, which is what the handler returns. Only {@code status} is
 * required; the rest is read when present.
 *
 * <p>Named for what it is on this side of the wire: the API's reply about a run, which is a
 * running one while it is polled and an ended one at last (so not {@code FinishedRun}), and which
 * must not be mistaken for the API's own {@code SyncResult} or {@code RunResults}, whose JSON it reads.
 *
 * @param refusal  why a {@code refused} run was refused ({@code standby_diverged}, {@code paused},
 *                 {@code deletion_guard}, {@code storage_limit} or any other word the API sends),
 *                 or {@code null}
 * @param snapshot the restore point's outcome; empty when restore points are off
 */
record ApiRunReply(String runId, String status, Optional<Long> durationMs, long documents, String error,
                   String refusal, Optional<SnapshotOutcome> snapshot, String json) {
    static final String RUNNING = "running";
    static final String REFUSED = "refused";

    static ApiRunReply parse(String json) throws JsonException {
        JsonObject result = JsonObject.parse(json);
        String status = result.string("status")
                .orElseThrow(() -> new JsonException("result has no string member \"status\""));
        Optional<Long> durationMs = result.wholeNumber("durationMs");
        if (durationMs.isPresent() && durationMs.get() < 0) {
            throw new JsonException("member \"durationMs\" is negative");
        }
        long documents = documents(result);
        if (documents < 0) {
            throw new JsonException("member \"documents\" is negative");
        }
        Optional<JsonObject> snapshot = result.object("snapshot");
        return new ApiRunReply(result.string("runId").orElse(null), status, durationMs, documents,
                result.string("error").orElse(null), result.string("refusal").orElse(null),
                snapshot.isPresent() ? Optional.of(SnapshotOutcome.parse(snapshot.get())) : Optional.empty(), json);
    }

    boolean running() {
        return RUNNING.equals(status);
    }

    boolean refused() {
        return REFUSED.equals(status);
    }

    /** The same reply with the API's free text (error, refusal, snapshot reason) passed through the redactor. */
    ApiRunReply redacted(Redactor redactor) {
        return new ApiRunReply(runId, status, durationMs, documents, redactor.apply(error), redactor.apply(refusal),
                snapshot.map(s -> s.redacted(redactor)), json);
    }

    /** The total, or the sum over {@code collections} when an older API omits the total. */
    private static long documents(JsonObject result) throws JsonException {
        Optional<Long> total = result.wholeNumber("documents");
        if (total.isPresent()) {
            return total.get();
        }
        long sum = 0;
        for (JsonObject collection : result.objects("collections")) {
            sum += collection.wholeNumber("documents").orElse(0L);
        }
        return sum;
    }
}
