package io.dbsync.api.testing;

import io.dbsync.api.Application;
import io.dbsync.api.auth.PasswordHasher;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.users.UserAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The real API, started in-process on a loopback port against {@link TestMongo} and
 * {@link TestPostgres}, with a plain JDK HTTP client to call it.
 */
public final class TestApi implements AutoCloseable {
    public static final int TEST_BCRYPT_COST = 10;

    private final Application application;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestApi(Application application) {
        this.application = application;
    }

    /** The API with {@link ApiSetup#defaults()}. */
    public static TestApi start(TestMongo mongo) {
        return start(mongo, ApiSetup.defaults());
    }

    public static TestApi start(TestMongo mongo, ApiSetup setup) {
        DatabaseUrl database = setup.database() != null ? setup.database() : TestPostgres.freshDatabase();
        ApiConfig config = new ApiConfig(mongo.source(), mongo.target(), database, 0, TEST_BCRYPT_COST, setup.settings(),
                setup.policy(), setup.auth(), setup.syncWait(), setup.snapshots(), setup.syncWithinRequest());
        return new TestApi(Application.start(config, setup.listener(), setup.clock()));
    }

    /** Settings for tests: small batches (so collections span many), short MongoDB timeouts. */
    public static SyncSettings testSettings() {
        return SyncSettings.defaults().withBatch(100, 1024 * 1024)
                .withMongoTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), 1);
    }

    /** Sends a request with a JSON body. */
    public HttpResponse<String> post(String path, String authorization, String jsonBody) {
        return exchange(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)), authorization);
    }

    /** The running service itself, for what a test does in-process (start a run, abort one). */
    public Application application() {
        return application;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + application.port();
    }

    public void addUser(String username, String password) {
        if (userAdmin().list().stream().anyMatch(user -> user.username().equals(username))) {
            return; // a second instance on the same database shares the users
        }
        new UserAdmin(application.database().jdbi(), new PasswordHasher(TEST_BCRYPT_COST)).add(username, password);
    }

    public UserAdmin userAdmin() {
        return new UserAdmin(application.database().jdbi(), new PasswordHasher(TEST_BCRYPT_COST));
    }

    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a request; {@code authorization} may be null (no header). */
    public HttpResponse<String> send(String method, String path, String authorization) {
        return exchange(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody()), authorization);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request, String authorization) {
        request.timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            // Every response every test gets through here is held to docs/openapi.yaml.
            OpenApiContract.check(response);
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a run to end (bounded) through the service's own future, not by polling. */
    public SyncResult awaitRun(String runId, Duration timeout) throws InterruptedException {
        return application.syncService().handle(runId).orElseThrow()
                .await(timeout).orElseThrow(() -> new AssertionError("run " + runId + " did not end within " + timeout));
    }

    @Override
    public void close() {
        application.close();
    }
}
