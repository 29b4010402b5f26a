package io.dbsync.api.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A run started by this process: its identity, live progress, and the result once it ends. */
public final class RunHandle {
    private final String runId;
    private final SyncRequest request;
    private final Instant startedAt;
    private final RunProgress progress;
    private final String requestedMode;
    private final CompletableFuture<SyncResult> result = new CompletableFuture<>();

    RunHandle(String runId, SyncRequest request, String requestedMode, Instant startedAt, RunProgress progress) {
        this.runId = runId;
        this.requestedMode = requestedMode;
        this.request = request;
        this.startedAt = startedAt;
        this.progress = progress;
    }

    public String runId() {
        return runId;
    }

    void complete(SyncResult finished) {
        result.complete(finished);
    }

    public boolean isFinished() {
        return result.isDone();
    }

    /** The result if the run ends within {@code wait}, else empty. */
    public Optional<SyncResult> await(Duration wait) throws InterruptedException {
        try {
            return Optional.of(result.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("run results are completed normally, never exceptionally", e);
        }
    }

    /** The final result, or the state so far while the run is in flight. */
    public SyncResult snapshot() {
        SyncResult finished = result.getNow(null);
        if (finished != null) {
            return finished;
        }
        long elapsed = Duration.between(startedAt, Instant.now()).toMillis();
        return new SyncResult(runId, SyncStatus.RUNNING, requestedMode, requestedMode, null, request.triggeredBy(), request.force(),
                startedAt, null, elapsed, progress.documents(), progress.bytes(), progress.done(), List.of(), List.of(),
                List.of(), progress.collections(), null);
    }

    SyncRequest request() {
        return request;
    }

    String requestedMode() {
        return requestedMode;
    }

    RunProgress progress() {
        return progress;
    }

    Instant startedAt() {
        return startedAt;
    }
}
