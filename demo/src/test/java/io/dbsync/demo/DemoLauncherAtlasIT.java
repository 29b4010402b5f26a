package io.dbsync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dbsync.testkit.atlas.AtlasProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The demo with an Atlas M0 standby (DEMO_STANDBY_PROFILE=atlas-m0): the curl line's request copies the shop within M0's limits. */
class DemoLauncherAtlasIT {
    private static final long QUOTA_MB = 64;

    @Test
    void theCurlLineCopiesTheShopIntoAnM0Standby() throws Exception {
        try (DemoLauncher.Demo demo = DemoLauncher.start(0, Optional.of(AtlasProfile.m0().withQuotaMegabytes(QUOTA_MB)))) {
            String credentials = demo.curlLine().split(" ")[2];
            String url = demo.curlLine().split(" ")[3];

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()))
                    .timeout(Duration.ofSeconds(120)).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"completed\"");
            try (MongoClient standby = MongoClients.create(demo.targetEndpoint().uri())) {
                Document stats = standby.getDatabase(demo.targetEndpoint().database()).runCommand(new Document("dbStats", 1));
                // totalSize is the profile's accounting (plain mongo-java-server does not report it)
                assertThat(((Number) stats.get("totalSize")).longValue()).isPositive().isLessThan(QUOTA_MB * 1024 * 1024);
                assertThat(((Number) stats.get("collections")).longValue()).isEqualTo(5);
            }
        }
    }
}
