package io.dbsync.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(1), clock);

    private void failOnce(String username) {
        assertThat(throttle.blockedFor(username)).isEmpty();
        throttle.failed(username);
    }

    @Test
    void theLimitBlocksUntilTheOldestFailureLeavesTheWindow() {
        failOnce("alice");
        clock.advance(Duration.ofSeconds(20));
        failOnce("alice");
        failOnce("alice");

        assertThat(throttle.blockedFor("alice")).contains(Duration.ofSeconds(40));
        clock.advance(Duration.ofSeconds(40));
        assertThat(throttle.blockedFor("alice")).isEmpty();
        assertThat(throttle.blockedFor("bob")).isEmpty();
        assertThat(throttle.failuresTotal()).isEqualTo(3);
    }

    @Test
    void aSuccessClearsTheFailures() {
        failOnce("alice");
        failOnce("alice");
        throttle.succeeded("alice");
        failOnce("alice");
        failOnce("alice");

        assertThat(throttle.blockedFor("alice")).isEmpty();
    }

    /** What BasicAuthHandler does under the username's lock: check, (slow) verify, record. */
    private boolean wrongGuess(String username) throws InterruptedException {
        synchronized (throttle.lockFor(username)) {
            if (throttle.blockedFor(username).isPresent()) {
                return false;
            }
            Thread.sleep(5); // stands in for bcrypt: the window a racing guess would slip through
            throttle.failed(username);
            return true;
        }
    }

    @Test
    void parallelGuessesCannotSlipPastTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            attempts.add(() -> wrongGuess("alice"));
        }
        int admitted = 0;
        for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
            admitted += attempt.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(admitted).isEqualTo(3);
    }
}
