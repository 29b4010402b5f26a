package io.dbsync.api.sync.mongo;

import com.mongodb.client.MongoCursor;
import org.bson.RawBsonDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a cursor on its own thread, a few batches ahead, so that a merge join reading two
 * collections waits on neither in turn. Memory: at most {@code depth + 2} batches.
 */
public final class PrefetchingReader implements AutoCloseable {
    private static final List<RawBsonDocument> END = List.of();

    private final BlockingQueue<List<RawBsonDocument>> queue;
    private final Thread thread;
    private volatile RuntimeException failure;
    private Iterator<RawBsonDocument> current = List.<RawBsonDocument>of().iterator();
    private boolean ended;

    public PrefetchingReader(MongoCursor<RawBsonDocument> cursor, int batchSize, int depth, String name) {
        this.queue = new ArrayBlockingQueue<>(depth);
        this.thread = new Thread(() -> fill(cursor, batchSize), name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void fill(MongoCursor<RawBsonDocument> cursor, int batchSize) {
        try (cursor) {
            List<RawBsonDocument> batch = new ArrayList<>(batchSize);
            while (cursor.hasNext()) {
                batch.add(cursor.next());
                if (batch.size() == batchSize) {
                    queue.put(batch);
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty()) {
                queue.put(batch);
            }
        } catch (InterruptedException e) {
            return; // closed by the reader's owner, who no longer reads
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("reading ahead failed: " + e, e);
        }
        try {
            queue.put(END);
        } catch (InterruptedException ignored) {
            // closed by the reader's owner
        }
    }

    /** The next document, or null at the end; a read failure is rethrown here. */
    public RawBsonDocument next() throws InterruptedException {
        while (!current.hasNext()) {
            if (ended) {
                return null;
            }
            List<RawBsonDocument> batch = queue.poll(1, TimeUnit.SECONDS);
            if (batch == null) {
                if (!thread.isAlive() && queue.isEmpty()) {
                    throw failure != null ? failure : new IllegalStateException("the read-ahead thread ended without a result");
                }
                continue;
            }
            if (batch == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            current = batch.iterator();
        }
        return current.next();
    }

    /** Stops the read-ahead thread and waits (bounded) for it, so its cursor is closed when this returns. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
