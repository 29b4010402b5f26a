package io.dbsync.api.sync;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.sync.mongo.Operations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A run started by this process: its identity, live progress, and the result once it ends. */
public final class RunHandle {
    private final String runId;
    private final SyncRequest request;
    private final SyncMode requestedMode;
    private final Instant startedAt;
    private final RunProgress progress;
    private final Clock clock;
    private final CompletableFuture<SyncResult> result = new CompletableFuture<>();
    private final RunPhases phases;
    private final long[] operationsAtStart;
    private final Operations operations;
    private final java.util.concurrent.atomic.AtomicReference<SnapshotReport> restorePoint =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final Object runnerLock = new Object();
    private Thread runner;
    private String stopReason;

    RunHandle(String runId, SyncRequest request, SyncMode requestedMode, Clock clock, RunProgress progress,
              Operations operations) {
        this.operations = operations;
        this.operationsAtStart = operations.totals();
        this.phases = new RunPhases(operations);
        this.runId = runId;
        this.request = request;
        this.requestedMode = requestedMode;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.progress = progress;
    }

    public String runId() {
        return runId;
    }

    /** The thread running this run; a stop asked for before it started applies at once. */
    void runsOn(Thread thread) {
        synchronized (runnerLock) {
            runner = thread;
            if (stopReason != null) {
                thread.interrupt();
            }
        }
    }

    /** The run's work is over (its record is next, which an interrupt must not reach). */
    void detach() {
        synchronized (runnerLock) {
            runner = null;
        }
    }

    /**
     * Stops the run: its thread is interrupted, so it drops its staging, releases the lock and ends
     * {@code failed} with {@code reason}. A run already past its last write ends as it would have.
     */
    public void stop(String reason) {
        synchronized (runnerLock) {
            stopReason = reason;
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    /**
     * A stopped run fails with the reason it was stopped for, whatever shape its interrupt took on the
     * way out (a failed swap, a lost lock, a wrapped driver error); the original error is kept after it.
     */
    SyncResult withStopReason(SyncResult result, Instant now) {
        Optional<String> reason = stopReason();
        if (reason.isEmpty() || result.status() != SyncStatus.FAILED || result.error().startsWith(reason.get())) {
            return result;
        }
        return SyncResult.failed(this, reason.get() + "; " + result.error(), now);
    }

    /** Why the run was stopped, if someone stopped it. */
    Optional<String> stopReason() {
        synchronized (runnerLock) {
            return Optional.ofNullable(stopReason);
        }
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
        return finished != null ? finished : SyncResult.running(this, clock.instant());
    }

    /** The live figures, even once the run has ended (a result no longer carries them). */
    public SyncResult progressSnapshot() {
        return SyncResult.running(this, clock.instant());
    }

    /** Live figures, written by the run's workers. */
    public RunProgress progress() {
        return progress;
    }

    RunPhases phases() {
        return phases;
    }

    /** What the run cost each server so far. */
    Traffic traffic() {
        long[] now = operations.totals();
        return new Traffic(now[0] - operationsAtStart[0], now[1] - operationsAtStart[1], progress.sourceBytesRead(),
                progress.bytes(), progress.standbyBytesRead());
    }

    /** Operations per collection this run sent, to both servers. */
    java.util.Map<String, Long> operationsByCollection() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>(operations.source().byCollection());
        operations.standby().byCollection().forEach((name, count) -> counts.merge(name, count, Long::sum));
        return counts;
    }

    /** What became of the run's restore point, once known. */
    void restorePoint(SnapshotReport report) {
        restorePoint.set(report);
    }

    SnapshotReport restorePoint() {
        return restorePoint.get();
    }

    SyncRequest request() {
        return request;
    }

    SyncMode requestedMode() {
        return requestedMode;
    }

    Instant startedAt() {
        return startedAt;
    }
}
