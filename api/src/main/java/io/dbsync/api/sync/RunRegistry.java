package io.dbsync.api.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs this process started, for their live progress. The record of every run, from any
 * instance, is in PostgreSQL ({@link io.dbsync.api.runs.RunStore}); this only keeps the few recent
 * handles whose in-memory figures are richer than the stored row while a run is in flight.
 */
final class RunRegistry {
    private static final int KEEP = 20;

    private final Map<String, RunHandle> runs = new LinkedHashMap<>();

    synchronized void add(RunHandle handle) {
        runs.put(handle.runId(), handle);
        if (runs.size() > KEEP) {
            runs.entrySet().stream().filter(e -> e.getValue().isFinished()).findFirst()
                    .ifPresent(oldest -> runs.remove(oldest.getKey()));
        }
    }

    synchronized List<RunHandle> running() {
        return runs.values().stream().filter(handle -> !handle.isFinished()).toList();
    }

    synchronized Optional<RunHandle> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }
}
