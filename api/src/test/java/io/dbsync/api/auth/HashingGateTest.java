package io.dbsync.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashingGateTest {

    @Test
    void beyondThePermitsAndTheQueueALoginIsRefusedAtOnce() throws Exception {
        HashingGate gate = new HashingGate(2, 1, Duration.ofSeconds(10));
        HashingGate.Permit first = gate.tryEnter().orElseThrow();
        HashingGate.Permit second = gate.tryEnter().orElseThrow();
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        Future<Optional<HashingGate.Permit>> third = waiter.submit(gate::tryEnter);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (gate.waiting() < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the third caller holds the queue's one place
        }
        assertThat(gate.waiting()).isEqualTo(1);

        long started = System.nanoTime();
        assertThat(gate.tryEnter()).isEmpty();
        assertThat(System.nanoTime() - started).as("refused without waiting").isLessThan(TimeUnit.SECONDS.toNanos(1));
        first.close();
        assertThat(third.get(5, TimeUnit.SECONDS)).as("the queued caller gets the freed permit").isPresent();
        second.close();
        waiter.shutdown();
        assertThat(gate.peakInUse()).isEqualTo(2);
    }

    @Test
    void manyCallersNeverRunMoreThanThePermits() throws Exception {
        HashingGate gate = new HashingGate(3, 6, Duration.ofSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            calls.add(pool.submit(() -> {
                Optional<HashingGate.Permit> permit = gate.tryEnter();
                permit.ifPresent(p -> {
                    long until = System.nanoTime() + 200_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait(); // stands in for a hash: busy, holding the permit
                    }
                    p.close();
                });
                return permit.isPresent();
            }));
        }
        int admitted = 0;
        for (Future<Boolean> call : calls) {
            admitted += call.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(gate.peakInUse()).isBetween(1, 3);
        assertThat(admitted + gate.refused()).isEqualTo(400);
    }
}
