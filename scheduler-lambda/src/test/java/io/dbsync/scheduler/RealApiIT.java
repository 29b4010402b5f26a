package io.dbsync.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduled invocation against the real API, started in-process on embedded MongoDB and PostgreSQL. */
class RealApiIT {
    private TestMongo mongo;
    private TestApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    private void start(ApiSetup setup) {
        mongo = TestMongo.start();
        SourceData.seed(mongo.sourceDb(), 300, 500);
        api = TestApi.start(mongo, setup);
        api.addUser(Invocations.USERNAME, Invocations.PASSWORD);
    }

    private java.util.Map<String, String> env(String... more) {
        return Invocations.env(URI.create(api.baseUrl()), more);
    }

    /**
     * Holds a run at its first batch for a fixed time: with the API's wait far shorter, the first
     * answer is necessarily 202 and the handler has to poll (a slowed run, not a synchronisation).
     */
    private static ProgressListener holdFirstBatch(Duration hold) {
        CountDownLatch neverOpened = new CountDownLatch(1);
        boolean[] held = {false};
        return (runId, collection, soFar) -> {
            synchronized (held) {
                if (held[0]) {
                    return;
                }
                held[0] = true;
            }
            try {
                neverOpened.await(hold.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void aScheduledInvocationCompletesARealSyncAndReturnsItsJson() {
        start(ApiSetup.defaults());

        Invocations.Outcome outcome = Invocations.invoke(env());

        assertThat(outcome.failure()).isNull();
        JsonNode result = Invocations.parse(outcome.result());
        assertThat(result.get("status").asText()).isEqualTo("completed");
        assertThat(result.get("documents").asLong()).isEqualTo(300 + 500 + 602);
        assertThat(outcome.summary().get("level").asText()).isEqualTo("INFO");
        assertThat(outcome.summary().get("runId").asText()).isEqualTo(result.get("runId").asText());
        assertThat(outcome.metric().toString()).contains("\"SyncSucceeded\":1");
        assertThat(MongoSnapshot.of(mongo.targetDb())).isEqualTo(MongoSnapshot.of(mongo.sourceDb()));
    }

    /**
     * The deletion guard refuses for real; the summary's reason is the API's {@code refusal}.
     */
    @Test
    void aRunTheDeletionGuardRefusesFailsTheInvocationWithTheApisRefusalAsItsReason() {
        start(ApiSetup.defaults());
        assertThat(Invocations.invoke(env()).failure()).isNull();
        mongo.sourceDb().getCollection("orders").deleteMany(new Document());

        Invocations.Outcome outcome = Invocations.invoke(env());

        assertThat(outcome.failure()).isInstanceOf(SyncFailedException.class);
        JsonNode summary = outcome.summary();
        assertThat(summary.get("level").asText()).isEqualTo("ERROR");
        assertThat(summary.get("event").asText()).isEqualTo("dbsync.sync");
        assertThat(summary.get("status").asText()).isEqualTo("refused");
        assertThat(summary.get("error").asText()).contains("'orders'");
        HttpResponse<String> run = api.send("GET", "/runs/" + summary.get("runId").asText(),
                TestApi.basic(Invocations.USERNAME, Invocations.PASSWORD));
        JsonNode result = Invocations.parse(run.body());
        assertThat(result.get("status").asText()).isEqualTo("refused");
        assertThat(result.get("refusal").asText()).isEqualTo("deletion_guard");
        assertThat(summary.get("reason").asText()).isEqualTo("deletion_guard");
        assertThat(outcome.metric().get("SyncSucceeded").asInt()).isZero();
        System.out.println("case=real-refusal reason=" + summary.get("reason"));
    }

    @Test
    void aWrongPasswordFailsWithOneErrorLineAndStartsNoRun() {
        start(ApiSetup.defaults());

        Invocations.Outcome outcome = Invocations.invoke(env("DBSYNC_PASSWORD", "not-the-password"));

        assertThat(outcome.failure()).isNotNull();
        assertThat(outcome.summary().get("level").asText()).isEqualTo("ERROR");
        assertThat(outcome.lines()).noneMatch(line -> line.contains("not-the-password"));
        HttpResponse<String> runs = api.send("GET", "/runs", TestApi.basic(Invocations.USERNAME, Invocations.PASSWORD));
        assertThat(runs.body()).isEqualTo("[]");
    }

    @Test
    void aRunThatOutlastsTheApisWaitIsPolledToCompletion() {
        start(ApiSetup.defaults().withWait(Duration.ofMillis(100)).withListener(holdFirstBatch(Duration.ofSeconds(2))));

        Invocations.Outcome outcome = Invocations.invoke(env());

        assertThat(outcome.failure()).isNull();
        JsonNode result = Invocations.parse(outcome.result());
        assertThat(result.get("status").asText()).isEqualTo("completed");
        assertThat(outcome.elapsedMs()).isGreaterThanOrEqualTo(2_000);
        HttpResponse<String> run = api.send("GET", "/runs/" + result.get("runId").asText(),
                TestApi.basic(Invocations.USERNAME, Invocations.PASSWORD));
        assertThat(Invocations.parse(run.body()).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void anInvocationDuringAManualRunFollowsThatRunInsteadOfStartingAnother() throws Exception {
        start(ApiSetup.defaults().withWait(Duration.ofMillis(100)).withListener(holdFirstBatch(Duration.ofSeconds(3))));
        HttpResponse<String> manual = api.send("POST", "/syncdb", TestApi.basic(Invocations.USERNAME, Invocations.PASSWORD));
        assertThat(manual.statusCode()).isEqualTo(202);
        String manualRunId = Invocations.parse(manual.body()).get("runId").asText();

        Invocations.Outcome outcome = CompletableFuture.supplyAsync(() -> Invocations.invoke(env())).get(30, TimeUnit.SECONDS);

        assertThat(outcome.failure()).isNull();
        assertThat(Invocations.parse(outcome.result()).get("runId").asText()).isEqualTo(manualRunId);
        HttpResponse<String> runs = api.send("GET", "/runs", TestApi.basic(Invocations.USERNAME, Invocations.PASSWORD));
        System.out.println("case=overlapping-triggers runsStarted=" + Invocations.parse(runs.body()).size());
        assertThat(Invocations.parse(runs.body()).size()).isEqualTo(1);
    }
}
