package io.dbsync.api.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.Json;
import io.dbsync.api.runs.RunRecord;
import java.time.Duration;
import java.util.List;

/** Converts between run results and their rows in the runs table. */
final class RunResults {
    private static final ObjectMapper JSON = Json.mapper();

    private RunResults() {
    }

    static String toJson(SyncResult result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run result always serialises", e);
        }
    }

    /** The stored result, or — for a run still going on another instance — its state from the row. */
    static SyncResult fromRecord(RunRecord record) {
        if (record.resultJson() != null) {
            try {
                return JSON.readValue(record.resultJson(), SyncResult.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored result of run " + record.id() + " is unreadable", e);
            }
        }
        SyncStatus status = SyncStatus.valueOf(record.status().toUpperCase(java.util.Locale.ROOT));
        long durationMs = record.finishedAt() == null ? Duration.between(record.startedAt(), java.time.Instant.now()).toMillis()
                : Duration.between(record.startedAt(), record.finishedAt()).toMillis();
        return new SyncResult(record.id(), status, record.mode(), record.mode(), null, record.triggeredBy(), record.forced(),
                record.startedAt(), record.finishedAt(), durationMs, record.documents(), record.bytes(), List.of(),
                List.of(), List.of(), List.of(), List.of(), record.error());
    }
}
