package io.dbsync.api.sync.mongo;

import com.mongodb.MongoInterruptedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Small reads that do not depend on each other — a count, a {@code collStats}, a stream position
 * per collection — sent together, so that N round trips to a far-away server cost the time of
 * about one. At most {@link #AT_ONCE} are in flight (an Atlas M0 allows 100 operations a second).
 */
public final class ParallelReads {
    public static final int AT_ONCE = 8;
    private static final String THREAD_PREFIX = "dbsync-read";
    private static final ExecutorService POOL = Executors.newFixedThreadPool(AT_ONCE, CollectionFanOut.named(THREAD_PREFIX));

    private ParallelReads() {
    }

    /** Two results of reads that do not depend on each other. */
    public record Both<A, B>(A first, B second) {
    }

    /** {@code first} and {@code second} at once; the first failure is thrown. */
    @SuppressWarnings("unchecked")
    public static <A, B> Both<A, B> both(Supplier<A> first, Supplier<B> second) {
        List<Object> results = map(List.<Supplier<?>>of(first, second), Supplier::get);
        return new Both<>((A) results.get(0), (B) results.get(1));
    }

    /** {@code read} applied to every item, results in the items' order; the first failure is thrown. */
    public static <T, R> List<R> map(List<T> items, Function<T, R> read) {
        // One item gains nothing; and a read already on this pool must not wait for a slot of it.
        if (items.size() <= 1 || Thread.currentThread().getName().startsWith(THREAD_PREFIX)) {
            return items.stream().map(read).toList();
        }
        List<Future<R>> futures = new ArrayList<>();
        items.forEach(item -> futures.add(POOL.submit(() -> read.apply(item))));
        List<R> results = new ArrayList<>();
        try {
            for (Future<R> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MongoInterruptedException("interrupted while reading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            futures.forEach(future -> future.cancel(true));
        }
        return results;
    }
}
