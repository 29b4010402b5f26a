package io.dbsync.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(1), clock);

    private void failOnce(String key) {
        assertThat(throttle.blockedFor(key)).isEmpty();
        LoginThrottle.Admission admission = throttle.tryBegin(key);
        assertThat(admission.admitted()).isTrue();
        admission.attempt().failed();
    }

    @Test
    void theLimitBlocksUntilTheOldestFailureLeavesTheWindow() {
        failOnce("alice");
        clock.advance(Duration.ofSeconds(20));
        failOnce("alice");
        failOnce("alice");

        assertThat(throttle.blockedFor("alice")).contains(Duration.ofSeconds(40));
        assertThat(throttle.tryBegin("alice").retryAfter()).isEqualTo(Duration.ofSeconds(40));
        clock.advance(Duration.ofSeconds(40));
        assertThat(throttle.blockedFor("alice")).isEmpty();
        assertThat(throttle.blockedFor("bob")).isEmpty();
        assertThat(throttle.failuresTotal()).isEqualTo(3);
    }

    @Test
    void aSuccessClearsTheFailuresButAReleaseDoesNot() {
        failOnce("alice");
        failOnce("alice");
        throttle.tryBegin("alice").attempt().succeeded();
        failOnce("alice");
        failOnce("alice");
        assertThat(throttle.blockedFor("alice")).isEmpty();

        failOnce("10.0.0.1");
        failOnce("10.0.0.1");
        throttle.tryBegin("10.0.0.1").attempt().released();
        failOnce("10.0.0.1");
        assertThat(throttle.blockedFor("10.0.0.1")).isPresent();
    }

    @Test
    void checksInProgressCountAgainstTheLimitUntilTheyFinish() {
        LoginThrottle.Admission first = throttle.tryBegin("alice");
        LoginThrottle.Admission second = throttle.tryBegin("alice");
        LoginThrottle.Admission third = throttle.tryBegin("alice");
        LoginThrottle.Admission fourth = throttle.tryBegin("alice");

        assertThat(List.of(first, second, third)).allMatch(LoginThrottle.Admission::admitted);
        assertThat(fourth.admitted()).isFalse();
        assertThat(fourth.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.blockedFor("alice")).as("no failure yet: a cached login is not held up").isEmpty();
        first.attempt().released();
        assertThat(throttle.tryBegin("alice").admitted()).isTrue();
    }

    /** A wrong guess as the authenticator makes it: reserve, a slow check with no lock held, record. */
    private boolean wrongGuess(String key, CountDownLatch allStarted) throws InterruptedException {
        LoginThrottle.Admission admission = throttle.tryBegin(key);
        allStarted.countDown();
        if (!admission.admitted()) {
            return false;
        }
        allStarted.await(5, TimeUnit.SECONDS); // every guess has asked before any finishes: the worst race
        admission.attempt().failed();
        return true;
    }

    @Test
    void parallelGuessesCannotSlipPastTheLimit() throws Exception {
        int guesses = 64;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        CountDownLatch allStarted = new CountDownLatch(guesses);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < guesses; i++) {
            attempts.add(() -> wrongGuess("alice", allStarted));
        }
        int admitted = 0;
        for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
            admitted += attempt.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(admitted).isEqualTo(3);
        assertThat(throttle.blockedFor("alice")).isPresent();
    }
}
