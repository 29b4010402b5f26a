package io.dbsync.api.store;

import static io.dbsync.api.testing.RunResults.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.RunGate;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** One run at a time: across simultaneous requests, across instances on one database, and after a lost session. */
class RunLockIT {
    private static final String AUTH = TestServers.operator();

    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestMongo mongo() {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 200, 400);
        return mongo;
    }

    private TestApi api(TestMongo mongo, ProgressListener listener, Clock clock, DatabaseUrl database, SyncPolicy policy) {
        return servers.api(mongo, ApiSetup.defaults().withWait(Duration.ofSeconds(30)).withPolicy(policy).withListener(listener)
                .withClock(clock).withDatabase(database));
    }

    @Test
    void twentySimultaneousRequestsStartExactlyOneRun() throws Exception {
        TestMongo mongo = mongo();
        RunGate gate = new RunGate();
        TestApi api = api(mongo, gate, Clock.systemUTC(), TestPostgres.freshDatabase(), SyncPolicy.defaults());
        ExecutorService clients = Executors.newFixedThreadPool(20);
        CountDownLatch ready = new CountDownLatch(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            responses.add(clients.submit(() -> {
                ready.countDown();
                go.await();
                return api.send("POST", "/syncdb", AUTH);
            }));
        }
        ready.await();
        go.countDown();
        gate.awaitReached();
        List<HttpResponse<String>> conflicts = new ArrayList<>();
        for (Future<HttpResponse<String>> response : responses) {
            if (response.isDone()) {
                conflicts.add(response.get());
            }
        }
        // Everyone but the winner is answered while the run is held; collect them without waiting on the winner.
        while (conflicts.size() < 19) {
            conflicts.clear();
            for (Future<HttpResponse<String>> response : responses) {
                if (response.isDone()) {
                    conflicts.add(response.get());
                }
            }
            Thread.onSpinWait();
        }
        gate.open();
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        List<Integer> statuses = new ArrayList<>();
        Set<String> runIds = new HashSet<>();
        for (Future<HttpResponse<String>> future : responses) {
            HttpResponse<String> response = future.get();
            statuses.add(response.statusCode());
            runIds.add(json(response).get("runId").asText());
            if (response.statusCode() == 409) {
                assertThat(json(response).get("error").asText()).contains("in progress");
                assertThat(json(response).get("status").asInt()).isEqualTo(409);
            }
        }
        System.out.println("case=concurrent-triggers requests=20 runsStarted=" + json(api.send("GET", "/runs", AUTH)).size());
        assertThat(statuses).filteredOn(code -> code == 200).hasSize(1);
        assertThat(statuses).filteredOn(code -> code == 409).hasSize(19);
        assertThat(runIds).hasSize(1);
        assertThat(json(api.send("GET", "/runs", AUTH)).size()).isEqualTo(1);
    }

    @Test
    void twoInstancesOnOneDatabaseNeverRunAtOnceAndSeeEachOthersRuns() throws Exception {
        TestMongo mongo = mongo();
        DatabaseUrl shared = TestPostgres.freshDatabase();
        RunGate gate = new RunGate();
        TestApi first = api(mongo, gate, Clock.systemUTC(), shared, SyncPolicy.defaults());
        TestApi second = api(mongo, ProgressListener.NONE, Clock.systemUTC(), shared, SyncPolicy.defaults());
        CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() -> first.send("POST", "/syncdb", AUTH));
        gate.awaitReached();

        HttpResponse<String> conflict = second.send("POST", "/syncdb", AUTH);
        HttpResponse<String> seenFromSecond = second.send("GET", "/runs/" + json(conflict).get("runId").asText(), AUTH);
        gate.open();
        HttpResponse<String> done = running.get(60, TimeUnit.SECONDS);

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).get("runId").asText()).isEqualTo(json(done).get("runId").asText());
        assertThat(json(seenFromSecond).get("status").asText()).isEqualTo("running");
        assertThat(done.statusCode()).isEqualTo(200);
        HttpResponse<String> afterwards = second.send("POST", "/syncdb", AUTH);
        assertThat(afterwards.statusCode()).as(afterwards.body()).isEqualTo(200);
        JsonNode history = json(first.send("GET", "/runs?limit=10", AUTH));
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("runId").asText()).isEqualTo(json(afterwards).get("runId").asText());
    }

    @Test
    void aHolderWhoseDatabaseSessionDiesLosesTheLockAndNeverSwaps() throws Exception {
        TestMongo mongo = mongo();
        DatabaseUrl shared = TestPostgres.freshDatabase();
        RunGate gate = new RunGate();
        TestApi first = api(mongo, gate, Clock.systemUTC(), shared, SyncPolicy.defaults());
        TestApi second = api(mongo, ProgressListener.NONE, Clock.systemUTC(), shared, SyncPolicy.defaults());
        CompletableFuture<HttpResponse<String>> doomed = CompletableFuture.supplyAsync(() -> first.send("POST", "/syncdb", AUTH));
        gate.awaitReached();

        // What a crashed or partitioned holder looks like to PostgreSQL: its session is gone.
        long killedAt = System.nanoTime();
        try (Connection admin = DriverManager.getConnection(shared.jdbcUrl(), shared.username(), shared.password());
             Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
        }
        HttpResponse<String> takeover = second.send("POST", "/syncdb", AUTH);
        double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
        gate.open();
        HttpResponse<String> lost = doomed.get(60, TimeUnit.SECONDS);

        System.out.printf("case=lock-takeover takeoverSeconds=%.2f%n", takeoverSeconds);
        assertThat(takeover.statusCode()).as(takeover.body()).isEqualTo(200);
        assertThat(json(takeover).get("status").asText()).isEqualTo("completed");
        assertThat(lost.statusCode()).isEqualTo(500);
        // Either the lock check before the swap stops it, or the new holder already dropped its staging.
        assertThat(json(lost).get("error").asText()).containsAnyOf("lost its lock", "did not verify");
        assertThat(io.dbsync.api.testing.MongoSnapshot.of(mongo.targetDb()).documentsHex())
                .isEqualTo(io.dbsync.api.testing.MongoSnapshot.of(mongo.sourceDb()).documentsHex());
        assertThat(json(first.send("GET", "/runs/" + json(lost).get("runId").asText(), AUTH)).get("status").asText())
                .isIn("failed");
    }
}

