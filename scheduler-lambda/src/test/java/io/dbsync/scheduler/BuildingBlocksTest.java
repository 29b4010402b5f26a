package io.dbsync.scheduler;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small value classes: pacing, deadline, credentials, redaction, retry classification. */
class BuildingBlocksTest {

    @Test
    void retryAndPollDelaysDoubleAndStopAtTheirCaps() {
        Pacing pacing = Pacing.DEFAULT;

        assertThat(List.of(1, 2, 3, 4, 5, 100).stream().map(pacing::retryDelay).toList())
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8));
        assertThat(List.of(1, 2, 3, 4, Integer.MAX_VALUE).stream().map(pacing::pollDelay).toList())
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                        Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThatThrownBy(() -> new Pacing(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeadlineCountsDownAndCapsTimeouts() {
        AtomicLong now = new AtomicLong(1_000);
        Deadline deadline = new Deadline(Duration.ofSeconds(10), now::get);

        assertThat(deadline.cap(Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(10));
        now.addAndGet(Duration.ofSeconds(7).toNanos());
        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(3));
        assertThat(deadline.cap(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(deadline.expired()).isTrue();
        assertThat(deadline.remaining()).isZero();
        assertThat(new Deadline(Duration.ofSeconds(-3), now::get).expired()).isTrue();
    }

    @Test
    void basicCredentialsAreUtf8AndKeepAColonInThePassword() {
        Credentials credentials = new Credentials("sched", "p:\u00e4ss");

        String token = credentials.authorization().substring("Basic ".length());
        assertThat(credentials.authorization()).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8)).isEqualTo("sched:p:\u00e4ss");
        assertThat(credentials.toString()).doesNotContain("p:\u00e4ss");
        assertThat(credentials.secrets()).containsExactly("p:\u00e4ss", token);
    }

    @Test
    void theRedactorHidesEverySecretIncludingOneInsideAnother() {
        Redactor redactor = Redactor.of(Arrays.asList("abc", "xxabcxx", "", null));

        assertThat(redactor.apply("a xxabcxx b abc c")).isEqualTo("a *** b *** c");
        assertThat(redactor.apply(null)).isNull();
        assertThat(Redactor.NONE.apply("abc")).isEqualTo("abc");
    }

    @Test
    void onlyTransientFailuresAreRetried() {
        assertThat(List.of(502, 503, 504)).allMatch(TransientRetry::isTransient);
        assertThat(List.of(200, 202, 400, 401, 403, 404, 409, 429, 500, 501)).noneMatch(TransientRetry::isTransient);
        assertThat(List.<IOException>of(new ConnectException(), new HttpTimeoutException("t"),
                new HttpConnectTimeoutException("c"), new IOException("Connection reset")))
                .allMatch(TransientRetry::isTransient);
        assertThat(TransientRetry.isTransient(new SSLHandshakeException("bad certificate"))).isFalse();
        assertThat(TransientRetry.isTransient(new BoundedBody.TooLargeException(1))).isFalse();
        assertThat(TransientRetry.describe(new ConnectException())).isEqualTo("ConnectException");
    }

    @Test
    void retryAfterIsReadInSecondsAndIgnoredOtherwise() {
        assertThat(reply("Retry-After", "7").retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(reply("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT").retryAfter()).isEmpty();
        assertThat(reply("X-Other", "1").retryAfter()).isEmpty();
    }

    private static HttpReply reply(String name, String value) {
        return new HttpReply(503, HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true), new byte[0]);
    }
}
