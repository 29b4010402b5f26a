package io.dbsync.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.auth.PasswordHasher;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.sync.plan.StagingNames;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.OpenApiContract;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import io.dbsync.api.users.UserAdmin;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.netcrusher.core.reactor.NioReactor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reliability case 3: the API <em>process</em> is killed ({@code SIGKILL}) in the middle of a copy;
 * a new instance takes the run lock as soon as PostgreSQL sees the dead session, closes the dead
 * run's record, drops its staging and completes a run of its own.
 */
class ProcessKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "operator";
    private static final String PASSWORD = "operator-password";
    private static final Pattern STARTED = Pattern.compile(".*event=api\\.started port=(\\d+).*");

    @RegisterExtension
    final TestServers servers = new TestServers();


    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void killingTheApiProcessMidCopyFreesTheLockAndTheNextInstanceCompletesARun() throws Exception {
        TestMongo mongo = servers.mongo();
        assumeTrue(mongo.isEmbedded(), "holds the copy with a TCP proxy in front of the embedded source; not run against "
                + TestMongo.REAL_MONGODB_VARIABLE);
        SourceData.seed(mongo.sourceDb(), 1_000, 20_000);
        DatabaseUrl postgres = TestPostgres.freshDatabase();
        try (Postgres database = Postgres.open(postgres, 2)) {
            new UserAdmin(database.jdbi(), new PasswordHasher(TestApi.TEST_BCRYPT_COST)).add(USER, PASSWORD);
        }
        NioReactor reactor = new NioReactor();
        servers.track(reactor::close);
        URI sourceUri = URI.create(mongo.source().uri());
        NetworkFaultProxy proxy = NetworkFaultProxy.open("source", reactor, new InetSocketAddress(sourceUri.getHost(), sourceUri.getPort()));
        servers.track(proxy);
        long sourceBytes = mongo.sourceDb().runCommand(new Document("collStats", "orders")).get("size", Number.class).longValue();
        ByteThreshold stall = new ByteThreshold(proxy, sourceBytes / 3, false);
        proxy.watch(stall);
        stall.arm();

        Process child = startApiProcess(proxy.endpoint(mongo.source().database()).uri(), mongo, postgres);
        servers.track(child::destroyForcibly);
        int port = awaitPort(child);
        HttpResponse<String> accepted = post(port);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String deadRunId = JSON.readTree(accepted.body()).get("runId").asText();
        assertThat(stall.awaitReached(60, TimeUnit.SECONDS)).as("the child's copy reached a third of the bytes").isTrue();

        child.destroyForcibly(); // SIGKILL: no shutdown hook, no lock release, no record update
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killedAt = System.nanoTime();

        TestApi next = servers.track(TestApi.start(mongo, ApiSetup.defaults().withWait(Duration.ofSeconds(60))
                .withDatabase(postgres)));
        HttpResponse<String> run = next.send("POST", "/syncdb", TestApi.basic(USER, PASSWORD));
        int conflicts = 0;
        // PostgreSQL ends the dead session when it sees the socket close; until then the lock is held.
        while (run.statusCode() == 409 && System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(60)) {
            conflicts++;
            run = next.send("POST", "/syncdb", TestApi.basic(USER, PASSWORD));
        }
        double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
        JsonNode result = JSON.readTree(run.body());
        JsonNode dead = JSON.readTree(next.send("GET", "/runs/" + deadRunId, TestApi.basic(USER, PASSWORD)).body());
        List<String> stagingLeft = mongo.targetDb().listCollectionNames().into(new ArrayList<>()).stream()
                .filter(StagingNames::isStaging).toList();
        boolean converged = MongoSnapshot.of(mongo.targetDb()).documentsHex().equals(MongoSnapshot.of(mongo.sourceDb()).documentsHex());
        System.out.printf("case=process-kill takeoverSeconds=%.2f conflictsBeforeTakeover=%d nextRun=%s deadRun=%s "
                        + "stagingLeft=%d converged=%s%n", takeoverSeconds, conflicts, result.get("status").asText(),
                dead.get("status").asText(), stagingLeft.size(), converged);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(result.get("status").asText()).isEqualTo("completed");
        assertThat(dead.get("status").asText()).isEqualTo("failed");
        assertThat(dead.get("error").asText()).contains("abandoned");
        assertThat(stagingLeft).isEmpty();
        assertThat(converged).isTrue();
    }

    private static Process startApiProcess(String sourceUri, TestMongo mongo, DatabaseUrl postgres) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.dbsync.api.Main", "serve").redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("SOURCE_MONGODB_URI", sourceUri);
        env.put("TARGET_MONGODB_URI", mongo.target().uri());
        env.put("DATABASE_URL", postgresUrl(postgres));
        env.put("PORT", "0");
        env.put("BCRYPT_COST", Integer.toString(TestApi.TEST_BCRYPT_COST));
        env.put("SYNC_WAIT_SECONDS", "0");
        env.put("SYNC_BATCH_DOCUMENTS", "100");
        env.put("SYNC_MONGO_READ_TIMEOUT_SECONDS", "120");
        return builder.start();
    }

    private static String postgresUrl(DatabaseUrl url) {
        String hostAndDb = url.jdbcUrl().substring("jdbc:postgresql://".length()).replaceFirst("\\?.*$", "");
        return "postgres://" + url.username() + ":" + url.password() + "@" + hostAndDb;
    }

    /** Reads the child's log until it says which port it serves on, then keeps draining it. */
    private static int awaitPort(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher started = STARTED.matcher(line);
            if (started.matches()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // the child's log is not needed further
                        }
                    } catch (java.io.IOException ignored) {
                        // the child was killed
                    }
                }, "child-api-log");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(started.group(1));
            }
        }
        throw new AssertionError("the API process ended before it started serving");
    }

    private static HttpResponse<String> post(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/syncdb"))
                .header("Authorization", TestApi.basic(USER, PASSWORD)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        OpenApiContract.check(response);
        return response;
    }
}
