package io.dbsync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The demo starts, prints a working curl line, and that line's request copies the shop. */
class DemoLauncherIT {

    @Test
    void theCurlLineItPrintsCopiesTheSeededShop() throws Exception {
        try (DemoLauncher.Demo demo = DemoLauncher.start(0)) {
            String curl = demo.curlLine();
            assertThat(curl).startsWith("curl -u demo:").endsWith("/syncdb");
            String credentials = curl.split(" ")[2];
            String url = curl.split(" ")[3];

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"completed\"").contains("audit_log")
                    .contains("\"documents\":" + (DemoData.CUSTOMERS + DemoData.PRODUCTS + DemoData.ORDERS + 50));
        }
    }
}
