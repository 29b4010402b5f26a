package io.dbsync.api.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dbsync.api.Json;
import io.dbsync.api.store.RunStore;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the figures of the runs in flight every few seconds, for other instances and
 * {@code dbsync status}. Off the copy's path: a failure here costs a stale figure elsewhere, never the run.
 */
final class ProgressSaver implements AutoCloseable {
    /** How often a running run's figures are saved. */
    static final long EVERY_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ProgressSaver.class);

    private final RunStore store;
    private final RunRegistry live;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dbsync-progress");
        thread.setDaemon(true);
        return thread;
    });

    ProgressSaver(RunStore store, RunRegistry live) {
        this.store = store;
        this.live = live;
        timer.scheduleWithFixedDelay(this::save, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private void save() {
        for (RunHandle handle : live.running()) {
            try {
                RunProgress progress = handle.progress();
                store.recordProgress(handle.runId(), progress.documents(), progress.bytes(),
                        Json.mapper().writeValueAsString(progress.collections()));
            } catch (RuntimeException | JsonProcessingException e) {
                LOG.debug("event=run.progress_not_saved runId={} reason={}", handle.runId(), e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
