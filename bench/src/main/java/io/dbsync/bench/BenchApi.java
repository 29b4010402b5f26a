package io.dbsync.bench;

import io.dbsync.api.Application;
import io.dbsync.api.auth.PasswordHasher;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.users.UserAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** The API in the benchmark's JVM, called over HTTP as an operator would, with a user made for the run. */
final class BenchApi {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI syncdb;
    private final String authorization;

    BenchApi(Application app) {
        String user = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        new UserAdmin(app.database().jdbi(), new PasswordHasher(ApiConfig.MIN_BCRYPT_COST)).add(user, password);
        this.syncdb = URI.create("http://127.0.0.1:" + app.port() + "/syncdb");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code POST /syncdb} with {@code jsonBody}; the wait is long enough for the run's final answer. */
    HttpResponse<String> sync(String jsonBody) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(syncdb).timeout(Duration.ofHours(2))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
