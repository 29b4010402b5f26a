package io.dbsync.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.config.AuthSettings;
import io.dbsync.api.testing.OpenApiContract;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reliability case 31, second half: a client talking to the service directly cannot choose its own
 * address. Every wrong login carries a new username and a new made-up {@code X-Forwarded-For}; with
 * no trusted proxy the per-client limit still counts them all against the socket's address. The
 * same sequence behind one trusted proxy hop shows the check can tell the difference.
 */
class SpoofedForwardedForIT {
    private static final int PER_CLIENT_LIMIT = 10;

    private static List<Integer> sprayFrom(int trustedHops) throws Exception {
        AuthSettings auth = AuthSettings.defaults().withFailedLoginLimits(1000, PER_CLIENT_LIMIT)
                .withTrustedProxyHops(trustedHops);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Integer> statuses = new ArrayList<>();
        try (TestMongo mongo = TestMongo.start();
             SecurityApi api = SecurityApi.start(mongo.source(), mongo.target(), TestPostgres.freshDatabase(),
                     TestApi.TEST_BCRYPT_COST, auth)) {
            for (int i = 0; i <= PER_CLIENT_LIMIT; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/runs"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", TestApi.basic("nobody-" + i, "guess-" + i))
                        .header("X-Forwarded-For", "192.0.2." + (i + 1)).GET().build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                OpenApiContract.check(response);
                statuses.add(response.statusCode());
            }
        }
        return statuses;
    }

    @Test
    void aMadeUpForwardedForFromADirectClientChangesNothing() throws Exception {
        List<Integer> direct = sprayFrom(0);
        List<Integer> behindAProxy = sprayFrom(1);

        System.out.println("case=spoofed-forwarded-for limitPerClient=" + PER_CLIENT_LIMIT + " direct=" + direct
                + " trustedHop=" + behindAProxy);
        assertThat(direct.subList(0, PER_CLIENT_LIMIT)).containsOnly(401);
        assertThat(direct.get(PER_CLIENT_LIMIT)).as("the socket address was counted, not the header").isEqualTo(429);
        assertThat(behindAProxy).as("behind a trusted hop each made-up address counts alone").containsOnly(401);
    }
}
