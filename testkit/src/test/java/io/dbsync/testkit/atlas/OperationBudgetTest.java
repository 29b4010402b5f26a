package io.dbsync.testkit.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves by hand. */
class OperationBudgetTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final OperationBudget tenPerSecond = new OperationBudget(10, now::get);

    @Test
    void letsOneSecondsWorthOfOperationsGoAtOnce() {
        for (int i = 0; i < 10; i++) {
            assertThat(tenPerSecond.reserveNanos()).isZero();
        }
    }

    @Test
    void queuesEachFurtherOperationATenthOfASecondAfterThePrevious() {
        for (int i = 0; i < 10; i++) {
            tenPerSecond.reserveNanos();
        }

        assertThat(tenPerSecond.reserveNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(tenPerSecond.reserveNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(tenPerSecond.reserveNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void refillsAsTimePassesButSavesAtMostOneSecond() {
        for (int i = 0; i < 10; i++) {
            tenPerSecond.reserveNanos();
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(5));

        for (int i = 0; i < 10; i++) {
            assertThat(tenPerSecond.reserveNanos()).isZero();
        }
        assertThat(tenPerSecond.reserveNanos()).isPositive();
    }
}
