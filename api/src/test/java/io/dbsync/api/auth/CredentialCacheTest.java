package io.dbsync.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {
    private static final String HASH = "$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234";
    private final MutableClock clock = new MutableClock();
    private final CredentialCache cache = new CredentialCache(Duration.ofSeconds(300), clock);

    @Test
    void remembersTheRightPasswordForItsStoredHashUntilItExpires() {
        cache.remember("alice", "alice-password", HASH);

        assertThat(cache.candidate("alice", "alice-password")).hasValueSatisfying(c ->
                assertThat(c.stillMatches(HASH)).isTrue());
        assertThat(cache.candidate("alice", "alice-password").orElseThrow().stillMatches(HASH.replace('a', 'b')))
                .as("a new password (a new stored hash) is not covered").isFalse();
        assertThat(cache.candidate("alice", "wrong-password")).isEmpty();
        assertThat(cache.candidate("bob", "alice-password")).isEmpty();
        clock.advance(Duration.ofSeconds(300));
        assertThat(cache.candidate("alice", "alice-password")).isEmpty();
    }

    @Test
    void aZeroLifetimeRemembersNothing() {
        CredentialCache off = new CredentialCache(Duration.ZERO, clock);
        off.remember("alice", "alice-password", HASH);

        assertThat(off.candidate("alice", "alice-password")).isEmpty();
    }

    @Test
    void fingerprintsDifferPerProcessKeyAndNeverContainThePassword() {
        CredentialCache other = new CredentialCache(Duration.ofSeconds(300), clock);

        assertThat(cache.fingerprint("alice", "pw-1")).isEqualTo(cache.fingerprint("alice", "pw-1"))
                .isNotEqualTo(cache.fingerprint("alice", "pw-2"))
                .isNotEqualTo(other.fingerprint("alice", "pw-1"))
                .doesNotContain("pw-1");
    }

    @Test
    void aCachedCheckTakesMicroseconds() {
        cache.remember("alice", "alice-password", HASH);
        for (int i = 0; i < 20_000; i++) { // warm up the JIT
            cache.candidate("alice", "alice-password").orElseThrow().stillMatches(HASH);
        }
        int checks = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            assertThat(cache.candidate("alice", "alice-password").orElseThrow().stillMatches(HASH)).isTrue();
        }
        double micros = (System.nanoTime() - start) / 1000.0 / checks;
        System.out.printf(java.util.Locale.ROOT, "case=credential-cache microsPerCachedCheck=%.2f%n", micros);
        // bcrypt at cost 10 takes ~80 ms here; a generous bound that still proves no hash ran.
        assertThat(micros).isLessThan(500);
    }
}
