package io.dbsync.api.reliability;

import io.dbsync.api.Application;
import io.dbsync.api.auth.PasswordHasher;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.config.AuthSettings;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.MongoEndpoint;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.testing.OpenApiContract;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.users.UserAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * The real API for the security cases, wired like {@code Main} does but from endpoints the test
 * chooses: a credentialed source URI, a credentialed {@code DATABASE_URL}, or a login throttle
 * other than the default (which {@link TestApi} fixes at 5 a minute).
 */
final class SecurityApi implements AutoCloseable {
    private final Application application;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private SecurityApi(Application application) {
        this.application = application;
    }

    /** The API whose per-username and per-client failed-login limits are both {@code maxFailedLoginsPerMinute}. */
    static SecurityApi start(MongoEndpoint source, MongoEndpoint target, DatabaseUrl database,
                             int maxFailedLoginsPerMinute) {
        return start(source, target, database, TestApi.TEST_BCRYPT_COST, AuthSettings.defaults()
                .withFailedLoginLimits(maxFailedLoginsPerMinute, maxFailedLoginsPerMinute));
    }

    static SecurityApi start(MongoEndpoint source, MongoEndpoint target, DatabaseUrl database, int bcryptCost,
                             AuthSettings auth) {
        ApiConfig config = new ApiConfig(source, target, database, 0, bcryptCost,
                TestApi.testSettings(), SyncPolicy.defaults(), auth, ApiConfig.DEFAULT_SYNC_WAIT);
        return new SecurityApi(Application.start(config, ProgressListener.NONE, Clock.systemUTC()));
    }

    int port() {
        return application.port();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    UserAdmin userAdmin() {
        return new UserAdmin(application.database().jdbi(), new PasswordHasher(TestApi.TEST_BCRYPT_COST));
    }

    /** Sends a request; {@code authorization} and {@code body} may be null. */
    HttpResponse<String> send(String method, String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            OpenApiContract.check(response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        application.close();
    }
}
