package io.dbsync.scheduler;

import io.dbsync.scheduler.json.JsonException;
import io.dbsync.scheduler.json.JsonObject;

import java.util.Objects;
import java.util.Set;

/**
 * What became of a run's restore point (the result's {@code snapshot} member, present only when
 * restore points are on), reduced to what the scheduler reports: the status, the size of a
 * written snapshot and the reason of a failed one. The snapshot's {@code id} and {@code seconds}
 * are not reported and not read.
 *
 * @param status {@value #WRITTEN}, {@value #FAILED} or {@value #SKIPPED}
 * @param bytes  the snapshot's size (0 unless written)
 * @param reason why it failed or was skipped, or {@code null}; free text from the API
 */
public record SnapshotOutcome(String status, long bytes, String reason) {
    public static final String WRITTEN = "written";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    private static final Set<String> STATUSES = Set.of(WRITTEN, FAILED, SKIPPED);

    public SnapshotOutcome {
        Objects.requireNonNull(status, "status");
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("snapshot status must be written, failed or skipped");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("snapshot bytes must not be negative");
        }
    }

    public static SnapshotOutcome written(long bytes) {
        return new SnapshotOutcome(WRITTEN, bytes, null);
    }

    public static SnapshotOutcome failed(String reason) {
        return new SnapshotOutcome(FAILED, 0, reason);
    }

    /** True for written and failed: a snapshot was attempted, so it has a metric. */
    public boolean attempted() {
        return !SKIPPED.equals(status);
    }

    /**
     * Strict like the rest of the result: an unknown status or a written snapshot without its size
     * is a contract break, reported as an unreadable answer rather than guessed at.
     */
    static SnapshotOutcome parse(JsonObject snapshot) throws JsonException {
        String status = snapshot.string("status")
                .orElseThrow(() -> new JsonException("member \"snapshot\" has no string member \"status\""));
        if (!STATUSES.contains(status)) {
            throw new JsonException("member \"snapshot.status\" is not written, failed or skipped");
        }
        Long bytes = snapshot.wholeNumber("bytes").orElse(null);
        if (bytes == null && WRITTEN.equals(status)) {
            throw new JsonException("a written snapshot has no member \"bytes\"");
        }
        if (bytes != null && bytes < 0) {
            throw new JsonException("member \"snapshot.bytes\" is negative");
        }
        return new SnapshotOutcome(status, WRITTEN.equals(status) ? bytes : 0, snapshot.string("reason").orElse(null));
    }

    SnapshotOutcome redacted(Redactor redactor) {
        return new SnapshotOutcome(status, bytes, redactor.apply(reason));
    }
}
