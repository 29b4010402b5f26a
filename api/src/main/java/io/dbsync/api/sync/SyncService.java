package io.dbsync.api.sync;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.runs.RunLock;
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
 * The only way a run starts, whoever asks (HTTP, CLI, schedule): it takes the run lock, runs the
 * copy on its own thread, records the outcome and releases the lock.
 */
public final class SyncService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    private final MongoDatabase source;
    private final MongoDatabase target;
    private final SyncSettings settings;
    private final RunLock lock;
    private final RunRegistry registry;
    private final ProgressListener listener;
    private final Clock clock;
    private final ExecutorService runThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dbsync-run");
        thread.setDaemon(true);
        return thread;
    });

    public SyncService(MongoDatabase source, MongoDatabase target, SyncSettings settings, RunLock lock,
                       RunRegistry registry, ProgressListener listener, Clock clock) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.lock = lock;
        this.registry = registry;
        this.listener = listener;
        this.clock = clock;
    }

    /** Starts a run, or throws {@link RunInProgressException} naming the run already going. */
    public RunHandle start(SyncRequest request) {
        String runId = UUID.randomUUID().toString();
        RunLock.Attempt attempt = lock.tryAcquire(runId);
        if (!attempt.acquired()) {
            throw new RunInProgressException(attempt.holderRunId());
        }
        RunHandle handle;
        try {
            handle = new RunHandle(runId, request.triggeredBy(), clock.instant(), new RunProgress(runId, listener));
            registry.add(handle);
            LOG.info("event=run.started runId={} mode={} triggeredBy={}", runId, SyncResult.MODE_FULL, request.triggeredBy());
            runThreads.execute(() -> execute(handle, request));
        } catch (RuntimeException e) {
            lock.release(runId);
            throw e;
        }
        return handle;
    }

    public Optional<RunHandle> find(String runId) {
        return registry.find(runId);
    }

    public List<SyncResult> recent(int limit) {
        return registry.recent(limit);
    }

    public Optional<Instant> lastSuccessAt() {
        return registry.lastSuccessAt();
    }

    private void execute(RunHandle handle, SyncRequest request) {
        SyncResult result;
        try {
            FullSync.Outcome outcome = new FullSync(source, target, settings).run(handle.progress());
            result = finished(handle, request, SyncStatus.COMPLETED, outcome.collections(), outcome.keptOnTarget(), null);
            registry.succeeded(result.finishedAt());
        } catch (SyncFailedException e) {
            result = finished(handle, request, SyncStatus.FAILED, List.of(), List.of(), e.getMessage());
        } catch (MongoException e) {
            result = finished(handle, request, SyncStatus.FAILED, List.of(), List.of(),
                    "MongoDB error: " + FailureMessages.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = finished(handle, request, SyncStatus.FAILED, List.of(), List.of(), "the run was interrupted (shutdown)");
        } catch (RuntimeException e) {
            LOG.error("event=run.internal_error runId={}", handle.runId(), e);
            result = finished(handle, request, SyncStatus.FAILED, List.of(), List.of(),
                    "internal error; the service log has the details for run " + handle.runId());
        } finally {
            lock.release(handle.runId());
        }
        LOG.info("event=run.finished runId={} status={} documents={} bytes={} durationMs={} error=\"{}\"",
                result.runId(), result.status().json(), result.documents(), result.bytes(), result.durationMs(),
                result.error() == null ? "" : result.error());
        handle.complete(result);
    }

    private SyncResult finished(RunHandle handle, SyncRequest request, SyncStatus status,
                                List<CollectionResult> collections, List<String> kept, String error) {
        Instant finishedAt = clock.instant();
        long documents = collections.stream().mapToLong(CollectionResult::documents).sum();
        long bytes = collections.stream().mapToLong(CollectionResult::bytes).sum();
        RunProgress progress = handle.progress();
        return new SyncResult(handle.runId(), status, SyncResult.MODE_FULL, request.triggeredBy(), handle.startedAt(),
                finishedAt, Duration.between(handle.startedAt(), finishedAt).toMillis(), documents, bytes,
                progress.done(), collections, kept, List.of(), error);
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
