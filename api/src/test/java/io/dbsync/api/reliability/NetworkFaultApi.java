package io.dbsync.api.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.Application;
import io.dbsync.api.auth.PasswordHasher;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.store.RunRecord;
import io.dbsync.api.store.RunStore;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.OpenApiContract;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.users.UserAdmin;
import org.netcrusher.core.reactor.NioReactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The real API, in-process, whose MongoDB clients reach the two {@link TestMongo} servers only
 * through a {@link NetworkFaultProxy} each. The test keeps {@link TestMongo}'s own clients for
 * direct, un-proxied looks at both servers.
 */
final class NetworkFaultApi implements AutoCloseable {
    static final String USER = "operator";
    static final String PASSWORD = "network-fault-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NioReactor reactor;
    private final NetworkFaultProxy source;
    private final NetworkFaultProxy target;
    private final Application application;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private NetworkFaultApi(NioReactor reactor, NetworkFaultProxy source, NetworkFaultProxy target,
                            Application application) {
        this.reactor = reactor;
        this.source = source;
        this.target = target;
        this.application = application;
    }

    /** Proxies in front of both servers of {@code mongo} (embedded only), and the API configured with them. */
    static NetworkFaultApi start(TestMongo mongo, ApiSetup setup) {
        NioReactor reactor;
        try {
            reactor = new NioReactor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NetworkFaultProxy source = null;
        NetworkFaultProxy target = null;
        try {
            source = NetworkFaultProxy.open("source", reactor, address(mongo.source().uri()));
            target = NetworkFaultProxy.open("target", reactor, address(mongo.target().uri()));
            ApiConfig config = new ApiConfig(source.endpoint(mongo.source().database()),
                    target.endpoint(mongo.target().database()), TestPostgres.freshDatabase(), 0,
                    TestApi.TEST_BCRYPT_COST, setup.settings(), setup.policy(), setup.auth(), setup.syncWait());
            Application application = Application.start(config, setup.listener(), setup.clock());
            new UserAdmin(application.database().jdbi(), new PasswordHasher(TestApi.TEST_BCRYPT_COST)).add(USER, PASSWORD);
            return new NetworkFaultApi(reactor, source, target, application);
        } catch (RuntimeException e) {
            if (target != null) {
                target.close();
            }
            if (source != null) {
                source.close();
            }
            reactor.close();
            throw e;
        }
    }

    /** The single host of an embedded server's URI ({@code mongodb://127.0.0.1:port/db}). */
    static InetSocketAddress address(String uri) {
        com.mongodb.ConnectionString parsed = new com.mongodb.ConnectionString(uri);
        if (parsed.getHosts().size() != 1) {
            throw new IllegalArgumentException("a fault proxy needs a single-host MongoDB URI");
        }
        String host = parsed.getHosts().get(0);
        int colon = host.lastIndexOf(':');
        return new InetSocketAddress(host.substring(0, colon), Integer.parseInt(host.substring(colon + 1)));
    }

    NetworkFaultProxy sourceProxy() {
        return source;
    }

    NetworkFaultProxy targetProxy() {
        return target;
    }

    /** {@code POST /syncdb} with the configured options; answers as soon as the API does (200, 202 or 500). */
    JsonNode postSync() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + "/syncdb"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", TestApi.basic(USER, PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            OpenApiContract.check(response);
            if (response.statusCode() != 200 && response.statusCode() != 202 && response.statusCode() != 500) {
                throw new AssertionError("POST /syncdb answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a run over HTTP and waits (bounded) for its end through the service's own future. */
    SyncResult syncAndAwait(Duration bound) throws InterruptedException {
        return awaitRun(postSync().get("runId").asText(), bound);
    }

    /** The run's result once it ends; fails the test when it has not ended within {@code bound}. */
    SyncResult awaitRun(String runId, Duration bound) throws InterruptedException {
        return application.syncService().handle(runId).orElseThrow()
                .await(bound).orElseThrow(() -> new AssertionError("run " + runId + " did not end within " + bound));
    }

    /** The run's row in PostgreSQL: what {@code /runs} and every other instance see. */
    Optional<RunRecord> record(String runId) {
        return new RunStore(application.database().jdbi()).find(runId);
    }

    @Override
    public void close() {
        // Unfrozen first, so nothing the API closes waits on a frozen socket.
        source.unfreeze();
        target.unfreeze();
        try {
            application.close();
        } finally {
            source.close();
            target.close();
            reactor.close();
        }
    }
}
