package io.dbsync.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(1), clock);

    @Test
    void theLimitBlocksUntilTheOldestFailureLeavesTheWindow() {
        throttle.failed("alice");
        clock.advance(Duration.ofSeconds(20));
        throttle.failed("alice");
        throttle.failed("alice");

        assertThat(throttle.blockedFor("alice")).contains(Duration.ofSeconds(40));
        clock.advance(Duration.ofSeconds(40));
        assertThat(throttle.blockedFor("alice")).isEmpty();
        assertThat(throttle.blockedFor("bob")).isEmpty();
        assertThat(throttle.failuresTotal()).isEqualTo(3);
    }

    @Test
    void aSuccessClearsTheFailures() {
        throttle.failed("alice");
        throttle.failed("alice");
        throttle.succeeded("alice");
        throttle.failed("alice");

        assertThat(throttle.blockedFor("alice")).isEmpty();
    }
}
