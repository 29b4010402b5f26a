package io.dbsync.api.sync.snapshot;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands what the copy threads read to one thread of the restore point's own, through a short
 * bounded queue: compression and upload run beside the copy, a slow upload slows the copy down
 * instead of filling memory, and after the first failure everything is dropped so the copy is
 * never held up by a restore point that is already lost.
 */
final class TapQueue {
    /** Batches queued at most: with 8 MiB batches, 32 MiB held for the restore point. */
    static final int CAPACITY = 4;
    private static final Logger LOG = LoggerFactory.getLogger(TapQueue.class);
    private static final long OFFER_MILLIS = 100;

    sealed interface Item permits Batch, Copied, Stop {
        String collection();
    }

    record Batch(String collection, List<RawBsonDocument> documents) implements Item {
    }

    record Copied(String collection) implements Item {
    }

    private record Stop(String collection) implements Item {
    }

    /** Applies one item on the queue's thread. */
    @FunctionalInterface
    interface Consumer {
        void apply(Item item) throws IOException;
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Consumer consumer;
    private final String restorePointId;
    private final Thread thread;
    private volatile Exception failure;

    TapQueue(Consumer consumer, String restorePointId) {
        this.consumer = consumer;
        this.restorePointId = restorePointId;
        this.thread = new Thread(this::loop, "dbsync-restore-point");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an item, waiting while the queue is full; dropped once the restore point has failed or stopped. */
    void put(Item item) throws InterruptedException {
        while (failure == null && thread.isAlive()) {
            if (queue.offer(item, OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** Waits until everything queued was applied and the thread ended; then throws the failure, if any. */
    void drain() throws IOException, InterruptedException {
        // The thread keeps taking (and after a failure, dropping) until it sees the stop.
        boolean queued = false;
        while (!queued && thread.isAlive()) {
            queued = queue.offer(new Stop(""), OFFER_MILLIS, TimeUnit.MILLISECONDS);
        }
        thread.join();
        Exception failed = failure;
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed != null) {
            throw new IOException(failed.getMessage(), failed);
        }
    }

    /** Ends the thread without applying what is still queued. */
    void stop() {
        thread.interrupt();
        queue.clear();
    }

    private void loop() {
        try {
            while (true) {
                Item item = queue.take();
                if (item instanceof Stop) {
                    return;
                }
                if (failure == null) {
                    apply(item);
                }
            }
        } catch (InterruptedException e) {
            // stopped: the run is over and the restore point is being aborted
        }
    }

    private void apply(Item item) {
        try {
            consumer.apply(item);
        } catch (IOException | RuntimeException e) {
            failure = e; // from now on the copy threads drop what they read, and this thread what is queued
            LOG.warn("event=restore_point.tap_failed id={} collection={} reason=\"{}\"", restorePointId, item.collection(),
                    e.getMessage());
        }
    }
}
