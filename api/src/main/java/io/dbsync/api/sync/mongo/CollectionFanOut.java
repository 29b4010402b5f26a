package io.dbsync.api.sync.mongo;

import io.dbsync.api.sync.plan.SyncFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one task per collection, a few at a time, failing fast: the first failure cancels the
 * others, and the call returns only once every task thread has stopped (bounded), so no thread
 * still writes after the caller cleans up.
 */
public final class CollectionFanOut {
    private static final Logger LOG = LoggerFactory.getLogger(CollectionFanOut.class);

    /** The work for one collection. */
    public interface Task<I, T> {
        T run(I item) throws InterruptedException;
    }

    private CollectionFanOut() {
    }

    /**
     * Runs {@code task} for every item, {@code parallel} at a time; {@code finished} sees each result
     * in finishing order. Returns the results in that order.
     */
    public static <I, T> List<T> run(List<I> items, int parallel, String threadPrefix, Duration stopBound,
                                     Task<I, T> task, Consumer<T> finished) throws InterruptedException {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, items.size())), named(threadPrefix));
        try {
            CompletionService<T> completion = new ExecutorCompletionService<>(pool);
            List<Future<T>> futures = new ArrayList<>();
            for (I item : items) {
                futures.add(completion.submit(() -> task.run(item)));
            }
            List<T> results = new ArrayList<>();
            try {
                for (int i = 0; i < items.size(); i++) {
                    T result = unwrap(completion.take());
                    results.add(result);
                    finished.accept(result);
                }
            } finally {
                futures.forEach(future -> future.cancel(true));
            }
            return results;
        } finally {
            pool.shutdownNow();
            awaitStopped(pool, stopBound);
        }
    }

    /**
     * Waits (bounded) until every thread of {@code pool} has stopped — also when the caller was
     * interrupted (an operator's Ctrl-C): the cleanup that follows must come after the last write.
     */
    public static void awaitStopped(ExecutorService pool, Duration bound) {
        boolean interrupted = Thread.interrupted();
        try {
            if (!pool.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("event=copy.threads_still_running afterMs={}", bound.toMillis());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static <T> T unwrap(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SyncFailedException("a collection task failed", cause);
        }
    }
}
