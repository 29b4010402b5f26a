package io.dbsync.api.sync;

import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import io.dbsync.api.store.RunEnd;
import io.dbsync.api.store.RunLock;
import io.dbsync.api.store.StandbyStates;
import io.dbsync.api.store.TransferTotals;
import io.dbsync.api.sync.guard.Divergence;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.mongo.StandbyLimitErrors;
import io.dbsync.api.sync.plan.SyncFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The only way a run starts, whoever asks (HTTP, CLI, schedule): it takes the run lock, records
 * the run, runs it on its own thread, records the outcome and releases the lock.
 */
public final class SyncService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    private final SyncDependencies deps;
    private final RunRegistry live = new RunRegistry();
    private final ExecutorService runThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dbsync-run");
        thread.setDaemon(true);
        return thread;
    });

    /** Told about every run that ends (metrics). */
    public interface RunObserver {
        RunObserver NONE = result -> { };
        void finished(SyncResult result);
    }

    private final ProgressSaver progressSaver;

    public SyncService(SyncDependencies deps) {
        this.deps = deps;
        this.progressSaver = new ProgressSaver(deps.store(), live);
    }

    /**
     * Starts a run, or throws {@link RunInProgressException} naming the run already going, or
     * {@link IllegalArgumentException} for options that make no sense (before anything starts).
     */
    public RunHandle start(SyncRequest request) {
        RunOptions options = RunOptions.resolve(request, deps.policy(), deps.settings());
        String runId = UUID.randomUUID().toString();
        RunLock.Attempt attempt = deps.lock().tryAcquire(runId);
        if (!attempt.acquired()) {
            throw new RunInProgressException(attempt.holderRunId());
        }
        RunHandle handle;
        try {
            int abandoned = deps.store().abandonRunning(deps.clock().instant());
            if (abandoned > 0) {
                LOG.warn("event=run.abandoned_closed count={} reason=\"their instance stopped mid-run\"", abandoned);
            }
            handle = new RunHandle(runId, request, options.mode(), deps.clock(), new RunProgress(runId, deps.listener()),
                    deps.operations());
            deps.store().recordStart(runId, options.mode().json(), request.triggeredBy(), request.force(), handle.startedAt());
            live.add(handle);
            LOG.info("event=run.started runId={} mode={} triggeredBy={} forced={} include={} exclude={} dropMissing={} verify={}",
                    runId, options.mode().json(), request.triggeredBy(), request.force(), options.include(),
                    options.exclude(), options.dropMissing(), options.verify().json());
            runThreads.execute(() -> execute(handle, options));
        } catch (RuntimeException e) {
            deps.lock().release(runId);
            throw e;
        }
        return handle;
    }

    /** The run's state: live figures when this process runs it, else its record. */
    public Optional<SyncResult> find(String runId) {
        Optional<RunHandle> handle = live.find(runId);
        if (handle.isPresent()) {
            return Optional.of(handle.get().snapshot());
        }
        return deps.store().find(runId).map(row -> SyncResult.fromRow(row, deps.clock().instant()));
    }

    /** The local handle of a run this process started, to wait on it. */
    public Optional<RunHandle> handle(String runId) {
        return live.find(runId);
    }

    public List<SyncResult> recent(int limit) {
        return deps.store().recent(limit).stream()
                .map(row -> live.find(row.id()).map(RunHandle::snapshot)
                        .orElseGet(() -> SyncResult.fromRow(row, deps.clock().instant())))
                .toList();
    }

    /** The standby's rolling 7-day transfer against its allowance, when one is configured. */
    public Optional<TransferReport> transfer() {
        if (deps.policy().limits().transferBytesPerWeek().isEmpty()) {
            return Optional.empty();
        }
        Instant now = deps.clock().instant();
        TransferTotals totals = deps.store().transferSince(now.minus(TransferReport.WINDOW));
        return Optional.of(TransferReport.of(deps.policy().limits().transferBytesPerWeek().getAsLong(), totals, now));
    }

    public Optional<Instant> lastSuccessAt() {
        return deps.store().lastSuccessAt();
    }

    private void execute(RunHandle handle, RunOptions options) {
        SyncResult result = null;
        try {
            handle.runsOn(Thread.currentThread());
            result = handle.withStopReason(run(handle, options), deps.clock().instant());
            handle.detach();
            // An interrupted run ends here: its record and its lock are PostgreSQL calls, which an interrupted thread cannot make.
            Thread.interrupted();
            record(result);
        } catch (Throwable e) {
            handle.detach();
            Thread.interrupted();
            // An Error (out of memory, say) must not leave the lock held and the run "running" forever.
            LOG.error("event=run.internal_error runId={}", handle.runId(), e);
            result = SyncResult.failed(handle, "internal error; the service log has the details for run " + handle.runId(),
                    deps.clock().instant());
            recordQuietly(result);
            if (e instanceof Error error && !(e instanceof OutOfMemoryError)) {
                throw error;
            }
        } finally {
            deps.lock().release(handle.runId());
            if (result != null) {
                LOG.info("event=run.finished runId={} status={} documents={} bytes={} durationMs={} error=\"{}\"",
                        result.runId(), result.status().json(), result.documents(), result.bytes(), result.durationMs(),
                        result.error() == null ? "" : result.error());
                deps.observer().finished(result);
                handle.complete(result);
            }
        }
    }

    private SyncResult run(RunHandle handle, RunOptions options) {
        RunContext context = new RunContext(handle.runId(), deps.source(), deps.target(), deps.standbyCluster(),
                deps.settings().withVerify(options.verify()), deps.policy().limits(), deps.ledger(), handle.progress(),
                () -> deps.lock().isHeld(handle.runId()));
        try {
            refuseIfPaused();
            deps.operations().source().resetCollections();
            deps.operations().standby().resetCollections();
            RunOutcome outcome = new SyncRun(context, options, handle.progress(), deps.marks(), handle.phases(),
                    plans -> RestorePointStep.begin(deps.restorePoints(), context, options, plans, deps.clock(),
                            handle::restorePoint)).run();
            handle.detach(); // every write is done: a late stop changes nothing and must not reach the records below
            Thread.interrupted();
            Divergence divergence = outcome.divergence();
            deps.states().converged(divergence.forced() ? "forced" : null, divergence.forced()
                    ? "run " + handle.runId() + " overwrote: " + divergence.refusalMessage() : null, handle.request().triggeredBy());
            return SyncResult.completed(handle, outcome, deps.clock().instant());
        } catch (RunRefusedException e) {
            if (e.refusal() == Refusal.STANDBY_DIVERGED) {
                deps.states().diverged(e.getMessage(), handle.runId());
            }
            return SyncResult.refused(handle, e, deps.clock().instant());
        } catch (SyncFailedException e) {
            String error = StandbyLimitErrors.reason(e).filter(reason -> !e.getMessage().startsWith("standby "))
                    .orElse(e.getMessage());
            return SyncResult.failed(handle, error, deps.clock().instant());
        } catch (InterruptedException | MongoInterruptedException e) {
            return SyncResult.failed(handle, handle.stopReason().orElse("the run was interrupted (stopped by the operator or"
                    + " a shutdown)") + "; its staging was dropped", deps.clock().instant());
        } catch (MongoException e) {
            return SyncResult.failed(handle, StandbyLimitErrors.reason(e).orElse("MongoDB error: " + FailureMessages.describe(e)),
                    deps.clock().instant());
        }
    }

    /** An operator paused runs against this standby (a failover in progress): nothing may write it. */
    private void refuseIfPaused() {
        StandbyStates.State state = deps.states().current();
        if (state.paused()) {
            throw new RunRefusedException(Refusal.PAUSED, "paused: " + state.pausedReason() + ", by " + state.pausedBy()
                    + " at " + state.pausedAt() + "; 'dbsync resume' lets runs write the standby again");
        }
    }

    /** Whether runs may write the standby now, and why not. */
    public StandbyStates.State standbyState() {
        return deps.states().current();
    }

    public StandbyStatus standbyStatus() {
        return StandbyStatus.of(standbyState());
    }

    private void record(SyncResult result) {
        deps.store().recordFinish(new RunEnd(result.runId(), result.status().json(), result.mode().json(),
                result.finishedAt(), result.documents(), result.bytes(), result.error(), result.toJson()));
    }

    private void recordQuietly(SyncResult result) {
        try {
            record(result);
        } catch (RuntimeException e) {
            // The standby is as the result says; only the record is missing. The next run closes it as abandoned.
            LOG.error("event=run.record_failed runId={} reason={}", result.runId(), FailureMessages.describe(e));
        }
    }

    /**
     * Stops the runs in flight now (an operator's Ctrl-C): their threads are interrupted, and this
     * waits — bounded by the MongoDB timeouts — until they have dropped their staging and released the lock.
     */
    public void abort() {
        progressSaver.close();
        runThreads.shutdownNow();
        try {
            long boundMs = deps.settings().mongoTimeout().plus(deps.settings().mongoReadTimeout()).toMillis();
            if (!runThreads.awaitTermination(boundMs, TimeUnit.MILLISECONDS)) {
                LOG.warn("event=run.abort_timeout afterMs={}", boundMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets a run in flight finish (bounded), then stops the run threads. */
    @Override
    public void close() {
        progressSaver.close();
        runThreads.shutdown();
        try {
            if (!runThreads.awaitTermination(30, TimeUnit.SECONDS)) {
                runThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            runThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
