package io.dbsync.scheduler;

import com.amazonaws.services.lambda.runtime.Context;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The moment this invocation must stop waiting: the Lambda's remaining time less a safety margin,
 * so the summary line and the exception are written before Lambda kills the process.
 */
final class Deadline {
    /** Used when there is no Context to ask (never the case under Lambda). */
    static final Duration NO_CONTEXT_BUDGET = Duration.ofMinutes(15);

    private final LongSupplier nanoClock;
    private final long endNanos;

    Deadline(Duration budget, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.endNanos = nanoClock.getAsLong() + Math.max(0, budget.toNanos());
    }

    static Deadline fromContext(Context context, Duration safetyMargin) {
        Duration remaining = context == null
                ? NO_CONTEXT_BUDGET
                : Duration.ofMillis(context.getRemainingTimeInMillis());
        return new Deadline(remaining.minus(safetyMargin), System::nanoTime);
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - nanoClock.getAsLong()));
    }

    boolean expired() {
        return remaining().isZero();
    }

    /** The given timeout, shortened so that it ends no later than the deadline. */
    Duration cap(Duration timeout) {
        Duration remaining = remaining();
        return timeout.compareTo(remaining) <= 0 ? timeout : remaining;
    }
}
