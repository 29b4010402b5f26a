package io.dbsync.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of the API's result JSON the scheduler reports on, plus the JSON itself, which is
 * what the handler returns. Only {@code status} is required; the rest is read when present.
 */
record RunResult(String runId, String status, Optional<Long> durationMs, long documents, String error, String json) {
    static final String RUNNING = "running";

    static RunResult parse(String json) throws JsonException {
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
        return new RunResult(result.string("runId").orElse(null), status, durationMs, documents,
                result.string("error").orElse(null), json);
    }

    boolean running() {
        return RUNNING.equals(status);
    }

    /** The total, or the sum over {@code collections} when an older API omits the total. */
    private static long documents(JsonObject result) throws JsonException {
        Optional<Long> total = result.wholeNumber("documents");
        if (total.isPresent()) {
            return total.get();
        }
        List<Object> collections = result.array("collections").orElse(List.of());
        long sum = 0;
        for (Object collection : collections) {
            if (!(collection instanceof Map)) {
                throw new JsonException("member \"collections\" holds a non-object");
            }
            sum += JsonObject.of(collection).wholeNumber("documents").orElse(0L);
        }
        return sum;
    }
}
