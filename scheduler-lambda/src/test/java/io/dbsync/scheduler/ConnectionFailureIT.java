package io.dbsync.scheduler;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import static io.dbsync.scheduler.ApiResults.completed;
import static io.dbsync.scheduler.Invocations.env;
import static io.dbsync.scheduler.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;

/** Transport failures (reset, refused) are transient: retried with backoff, then reported once. */
class ConnectionFailureIT {

    @Test
    void aResetConnectionIsRetriedAndTheRetryCanSucceed() throws IOException {
        try (RawPeer api = new RawPeer(RawPeer.RESET, RawPeer.http(200, completed("run-1", 42)))) {
            Invocations.Outcome outcome = invoke(env(api.baseUrl()));

            assertThat(outcome.failure()).isNull();
            assertThat(outcome.result()).isEqualTo(completed("run-1", 42));
            assertThat(api.requests()).isEqualTo(2);
            System.out.println("requestsAfterReset=" + api.requests());
        }
    }

    @Test
    void aConnectionResetEveryTimeFailsAfterTheLastAttemptWithOneErrorLine() throws IOException {
        try (RawPeer api = new RawPeer(RawPeer.RESET)) {
            Invocations.Outcome outcome = invoke(env(api.baseUrl()));

            assertThat(api.requests()).isEqualTo(Invocations.FAST.maxAttempts());
            assertThat(outcome.failure()).isInstanceOf(ApiCallException.class).hasMessageContaining("after 4 attempts");
            assertThat(outcome.summary().get("level").asText()).isEqualTo("ERROR");
            assertThat(outcome.metric().get("SyncSucceeded").asInt()).isZero();
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenReported() throws IOException {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        Invocations.Outcome outcome = invoke(env(closedPort));

        assertThat(outcome.failure()).isInstanceOf(ApiCallException.class)
                .hasMessageContaining("after 4 attempts").hasMessageContaining("ConnectException");
        assertThat(outcome.summary().get("level").asText()).isEqualTo("ERROR");
    }
}
