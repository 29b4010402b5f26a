package io.dbsync.api.sync;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.runs.RunLock;
import io.dbsync.api.runs.RunStore;
import io.dbsync.api.runs.StandbyLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way a run starts, whoever asks (HTTP, CLI, schedule): it takes the run lock, records
 * the run, runs the copy on its own thread, records the outcome and releases the lock.
 */
public final class SyncService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    private final MongoDatabase source;
    private final MongoDatabase target;
    private final SyncSettings settings;
    private final SyncPolicy policy;
    private final RunLock lock;
    private final RunStore store;
    private final StandbyLedger ledger;
    private final RunRegistry live = new RunRegistry();
    private final ProgressListener listener;
    private final RunObserver observer;
    private final Clock clock;
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

    public SyncService(MongoDatabase source, MongoDatabase target, SyncSettings settings, SyncPolicy policy,
                       RunLock lock, RunStore store, StandbyLedger ledger, ProgressListener listener, RunObserver observer,
                       Clock clock) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.policy = policy;
        this.lock = lock;
        this.store = store;
        this.ledger = ledger;
        this.listener = listener;
        this.observer = observer;
        this.clock = clock;
    }

    /**
     * Starts a run, or throws {@link RunInProgressException} naming the run already going, or
     * {@link IllegalArgumentException} for options that make no sense (before anything starts).
     */
    public RunHandle start(SyncRequest request) {
        RunOptions options = resolve(request);
        String runId = UUID.randomUUID().toString();
        RunLock.Attempt attempt = lock.tryAcquire(runId);
        if (!attempt.acquired()) {
            throw new RunInProgressException(attempt.holderRunId());
        }
        RunHandle handle;
        try {
            Instant now = clock.instant();
            int abandoned = store.abandonRunning(now);
            if (abandoned > 0) {
                LOG.warn("event=run.abandoned_closed count={} reason=\"their instance stopped mid-run\"", abandoned);
            }
            String requestedMode = options.mode().json();
            store.recordStart(runId, requestedMode, request.triggeredBy(), request.force(), now);
            handle = new RunHandle(runId, request, requestedMode, now, new RunProgress(runId, listener));
            live.add(handle);
            LOG.info("event=run.started runId={} mode={} triggeredBy={} forced={} include={} exclude={} dropMissing={} verify={}",
                    runId, requestedMode, request.triggeredBy(), request.force(), options.include(),
                    options.exclude(), options.dropMissing(), options.verify().json());
            runThreads.execute(() -> execute(handle, options));
        } catch (RuntimeException e) {
            lock.release(runId);
            throw e;
        }
        return handle;
    }

    private RunOptions resolve(SyncRequest request) {
        CollectionFilter filter = new CollectionFilter(request.include().orElse(policy.include()),
                request.exclude().orElse(policy.exclude()));
        return new RunOptions(filter, request.dropMissing().orElse(policy.dropMissing()),
                request.verify().orElse(settings.verify()), request.force(), policy.maxShrinkPercent(),
                request.mode().orElse(policy.mode()));
    }

    /** The run's state: live figures when this process runs it, else its record. */
    public Optional<SyncResult> find(String runId) {
        Optional<RunHandle> handle = live.find(runId);
        if (handle.isPresent()) {
            return Optional.of(handle.get().snapshot());
        }
        return store.find(runId).map(RunResults::fromRecord);
    }

    /** The local handle of a run this process started, to wait on it. */
    public Optional<RunHandle> handle(String runId) {
        return live.find(runId);
    }

    public List<SyncResult> recent(int limit) {
        return store.recent(limit).stream()
                .map(record -> live.find(record.id()).map(RunHandle::snapshot).orElseGet(() -> RunResults.fromRecord(record)))
                .toList();
    }

    public Optional<Instant> lastSuccessAt() {
        return store.lastSuccessAt();
    }

    private void execute(RunHandle handle, RunOptions options) {
        SyncResult result = null;
        try {
            result = copy(handle, options);
            record(result);
        } catch (Throwable e) {
            // An Error (out of memory, say) must not leave the lock held and the run "running" forever.
            LOG.error("event=run.internal_error runId={}", handle.runId(), e);
            result = finished(handle, SyncStatus.FAILED, null,
                    "internal error; the service log has the details for run " + handle.runId());
            recordQuietly(result);
            if (e instanceof Error error && !(e instanceof OutOfMemoryError)) {
                throw error;
            }
        } finally {
            lock.release(handle.runId());
            if (result != null) {
                LOG.info("event=run.finished runId={} status={} documents={} bytes={} durationMs={} error=\"{}\"",
                        result.runId(), result.status().json(), result.documents(), result.bytes(), result.durationMs(),
                        result.error() == null ? "" : result.error());
                observer.finished(result);
                handle.complete(result);
            }
        }
    }

    private SyncResult copy(RunHandle handle, RunOptions options) {
        SyncResult result;
        try {
            SyncRun.Outcome outcome = new SyncRun(source, target, settings, handle.runId(), ledger)
                    .run(handle.progress(), options, () -> lock.isHeld(handle.runId()));
            result = finished(handle, SyncStatus.COMPLETED, outcome, null);
        } catch (RunRefusedException e) {
            result = finished(handle, SyncStatus.REFUSED, null, e.getMessage());
        } catch (SyncFailedException e) {
            result = finished(handle, SyncStatus.FAILED, null, e.getMessage());
        } catch (MongoException e) {
            result = finished(handle, SyncStatus.FAILED, null, "MongoDB error: " + FailureMessages.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = finished(handle, SyncStatus.FAILED, null, "the run was interrupted (shutdown)");
        }
        return result;
    }

    private void record(SyncResult result) {
        store.recordFinish(result.runId(), result.status().json(), result.mode(), result.finishedAt(), result.documents(),
                result.bytes(), result.error(), RunResults.toJson(result));
    }

    private void recordQuietly(SyncResult result) {
        try {
            record(result);
        } catch (RuntimeException e) {
            // The standby is as the result says; only the record is missing. The next run closes it as abandoned.
            LOG.error("event=run.record_failed runId={} reason={}", result.runId(), FailureMessages.describe(e));
        }
    }

    private SyncResult finished(RunHandle handle, SyncStatus status, SyncRun.Outcome outcome, String error) {
        Instant finishedAt = clock.instant();
        List<CollectionResult> collections = outcome == null ? List.of() : outcome.collections();
        long documents = collections.stream().mapToLong(CollectionResult::documents).sum();
        long bytes = collections.stream().mapToLong(CollectionResult::bytes).sum();
        // A run that did not complete reports the mode asked for: what would have run is not known.
        String mode = outcome == null ? handle.requestedMode() : outcome.mode();
        return new SyncResult(handle.runId(), status, mode, handle.requestedMode(), outcome == null ? null : outcome.modeReason(),
                handle.request().triggeredBy(),
                handle.request().force(), handle.startedAt(), finishedAt,
                Duration.between(handle.startedAt(), finishedAt).toMillis(), documents, bytes, handle.progress().done(),
                collections, outcome == null ? List.of() : outcome.keptOnTarget(),
                outcome == null ? List.of() : outcome.droppedOnTarget(), List.of(), error);
    }

    /** Lets a run in flight finish (bounded), then stops the run threads. */
    @Override
    public void close() {
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
