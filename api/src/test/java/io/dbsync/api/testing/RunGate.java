package io.dbsync.api.testing;

import io.dbsync.api.sync.ProgressListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Holds a run at its first written batch until the test opens the gate. */
public final class RunGate implements ProgressListener {
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);
    private final AtomicBoolean first = new AtomicBoolean(true);

    @Override
    public void batchWritten(String runId, String collection, long documentsSoFar) {
        if (!first.compareAndSet(true, false)) {
            return;
        }
        reached.countDown();
        try {
            open.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void awaitReached() throws InterruptedException {
        if (!reached.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the run never reached its first batch");
        }
    }

    public void open() {
        open.countDown();
    }
}
