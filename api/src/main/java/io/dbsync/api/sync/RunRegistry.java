package io.dbsync.api.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runs this process has started, newest last, bounded so memory does not grow with uptime. */
public final class RunRegistry {
    private static final int KEEP = 100;

    private final Map<String, RunHandle> runs = new LinkedHashMap<>();
    private Instant lastSuccessAt;

    synchronized void add(RunHandle handle) {
        runs.put(handle.runId(), handle);
        if (runs.size() > KEEP) {
            runs.entrySet().stream().filter(e -> e.getValue().isFinished()).findFirst()
                    .ifPresent(oldest -> runs.remove(oldest.getKey()));
        }
    }

    synchronized void succeeded(Instant finishedAt) {
        lastSuccessAt = finishedAt;
    }

    public synchronized Optional<RunHandle> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** Up to {@code limit} runs, newest first. */
    public synchronized List<SyncResult> recent(int limit) {
        List<RunHandle> handles = new ArrayList<>(runs.values());
        handles.sort(Comparator.comparing(RunHandle::startedAt).reversed());
        return handles.stream().limit(limit).map(RunHandle::snapshot).toList();
    }

    public synchronized Optional<Instant> lastSuccessAt() {
        return Optional.ofNullable(lastSuccessAt);
    }
}
