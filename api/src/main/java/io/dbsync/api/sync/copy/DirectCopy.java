package io.dbsync.api.sync.copy;

import io.dbsync.api.sync.mongo.ClusterClock;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.plan.CollectionTask;
import io.dbsync.api.sync.plan.TaskOutcome;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies collections that are absent or empty on the standby straight into place: nothing there is
 * at stake, so no staging and no doubled storage. Each is verified like a staged copy. The
 * guarantee is narrower — a reader sees the collection fill up during the run — and a failed run
 * drops what it placed, so those collections are absent again and the next run copies them anew.
 */
public final class DirectCopy {
    private static final Logger LOG = LoggerFactory.getLogger(DirectCopy.class);

    private final RunContext run;

    public DirectCopy(RunContext run) {
        this.run = run;
    }

    public List<TaskOutcome.Done> copy(List<CollectionTask> tasks, ClusterClock.Now now) throws InterruptedException {
        if (tasks.isEmpty()) {
            return List.of();
        }
        DirectPlacement placement = new DirectPlacement(run.target());
        List<CopyPass.Copied> copied;
        try {
            copied = CopyPass.copyAll(run, tasks, now, placement);
            run.lock().require("before recording the collections copied into place");
        } catch (RuntimeException | InterruptedException e) {
            dropQuietly(placement);
            throw e;
        }
        CopyPass.record(run, copied);
        return copied.stream().map(CopyPass.Copied::done).toList();
    }

    private void dropQuietly(DirectPlacement placement) {
        boolean interrupted = Thread.interrupted();
        try {
            if (!run.lock().held()) {
                // Without the lock the standby is another run's now: what this run placed is left to it.
                LOG.warn("event=direct.left_to_lock_holder reason=\"the run lost its lock\"");
                return;
            }
            List<String> dropped = placement.dropPlaced();
            if (!dropped.isEmpty()) {
                LOG.info("event=direct.dropped collections={} reason=\"the run failed\"", dropped);
            }
        } catch (RuntimeException e) {
            LOG.warn("event=direct.drop_failed reason={}", e.getClass().getSimpleName());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
