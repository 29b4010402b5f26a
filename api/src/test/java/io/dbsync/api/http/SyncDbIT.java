package io.dbsync.api.http;

import static io.dbsync.api.testing.RunResults.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.sync.SyncStatus;
import io.dbsync.api.sync.plan.StagingNames;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code /syncdb} end to end: real HTTP, real driver, mongo-java-server and a real PostgreSQL. */
class SyncDbIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestMongo mongo() {
        return servers.mongo();
    }

    private TestApi api(TestMongo mongo, ProgressListener listener) {
        return servers.api(mongo, ApiSetup.defaults().withListener(listener));
    }

    private HttpResponse<String> sync(TestApi api, String method) {
        return api.send(method, "/syncdb", TestServers.operator());
    }

    @Test
    void copiesEveryCollectionByteForByteWithItsIndexes() throws Exception {
        TestMongo mongo = mongo();
        SourceData.seed(mongo.sourceDb(), 1_200, 2_500);
        mongo.targetDb().getCollection("legacy").insertOne(new Document("_id", 1).append("old", true));
        TestApi api = api(mongo, ProgressListener.NONE);

        HttpResponse<String> response = sync(api, "POST");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("completed");
        assertThat(body.get("error").isNull()).isTrue();
        assertThat(body.get("runId").asText()).isNotBlank();
        assertThat(body.get("durationMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(body.get("startedAt").asText()).isNotBlank();
        assertThat(body.get("finishedAt").asText()).isNotBlank();
        List<String> progress = new ArrayList<>();
        body.get("progress").forEach(name -> progress.add(name.asText()));
        assertThat(progress).containsExactlyInAnyOrder("customers", "orders", "events", "audit_log");
        assertThat(body.get("keptOnTarget").get(0).asText()).isEqualTo("legacy");
        JsonNode customers = find(body.get("collections"), "customers");
        assertThat(customers.get("documents").asLong()).isEqualTo(1_200);
        assertThat(customers.get("indexes").asInt()).isEqualTo(5);
        assertThat(customers.get("bytes").asLong()).isPositive();
        assertThat(customers.get("verified").asBoolean()).isTrue();
        assertThat(find(body.get("collections"), "audit_log").get("documents").asLong()).isZero();

        MongoSnapshot source = MongoSnapshot.of(mongo.sourceDb());
        MongoSnapshot target = MongoSnapshot.of(mongo.targetDb());
        assertThat(target.documentsHex()).containsKey("legacy");
        target.documentsHex().remove("legacy");
        target.indexes().remove("legacy");
        assertThat(target.documentsHex()).isEqualTo(source.documentsHex());
        assertThat(target.indexes()).isEqualTo(source.indexes());
        assertThat(source.documentCount()).isEqualTo(1_200 + 2_500 + 602);
        assertThat(mongo.targetDb().listCollectionNames().into(new ArrayList<>()))
                .noneMatch(StagingNames::isStaging).contains("audit_log");
    }

    @Test
    void getStartsARunJustLikePost() throws Exception {
        TestMongo mongo = mongo();
        SourceData.seed(mongo.sourceDb(), 50, 50);
        TestApi api = api(mongo, ProgressListener.NONE);

        HttpResponse<String> response = sync(api, "GET");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("completed");
        assertThat(MongoSnapshot.of(mongo.targetDb()).documentsHex())
                .isEqualTo(MongoSnapshot.of(mongo.sourceDb()).documentsHex());
    }

    @Test
    void sourceStoppedMidCopyLeavesTheStandbyExactlyAsItWas() throws Exception {
        TestMongo mongo = mongo();
        assumeTrue(mongo.isEmbedded(), "stops the source server: needs the embedded mongo-java-server, "
                + "not the real MongoDB named by DBSYNC_TEST_MONGODB_URI");
        SourceData.seed(mongo.sourceDb(), 300, 300);
        AtomicBoolean armed = new AtomicBoolean(false);
        TestApi api = api(mongo, (runId, collection, soFar) -> {
            if (collection.equals("orders") && soFar >= 5_000 && armed.compareAndSet(true, false)) {
                mongo.stopSource();
            }
        });
        assertThat(sync(api, "POST").statusCode()).isEqualTo(200);
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());
        addOrders(mongo, 300, 20_000);
        armed.set(true);

        HttpResponse<String> response = sync(api, "POST");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("failed");
        assertThat(body.get("error").asText()).contains("orders");
        MongoSnapshot after = MongoSnapshot.of(mongo.targetDb());
        assertThat(after).isEqualTo(before);
        long stagingLeft = mongo.targetDb().listCollectionNames().into(new ArrayList<>()).stream()
                .filter(StagingNames::isStaging).count();
        assertThat(stagingLeft).isZero();
        System.out.println("case=source-cut docsLost=" + (before.documentCount() - after.documentCount())
                + " stagingLeft=" + stagingLeft);
    }

    private static void addOrders(TestMongo mongo, int from, int count) {
        List<Document> batch = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            batch.add(new Document("_id", (long) i).append("customerId", i % 10).append("pad", "p".repeat(100)));
            if (batch.size() == 1_000) {
                mongo.sourceDb().getCollection("orders").insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            mongo.sourceDb().getCollection("orders").insertMany(batch);
        }
    }

    @Test
    void secondRunConvergesAfterInsertsUpdatesAndDeletes() throws Exception {
        TestMongo mongo = mongo();
        SourceData.seed(mongo.sourceDb(), 400, 600);
        TestApi api = api(mongo, ProgressListener.NONE);
        assertThat(sync(api, "POST").statusCode()).isEqualTo(200);

        var orders = mongo.sourceDb().getCollection("orders");
        orders.deleteMany(Filters.lt("_id", 100L));
        orders.updateMany(Filters.gte("_id", 500L), Updates.set("status", "cancelled"));
        orders.insertOne(new Document("_id", 10_000L).append("status", "new"));
        mongo.sourceDb().getCollection("customers").replaceOne(Filters.eq("email", "customer7@example.com"),
                new Document("email", "customer7@example.com").append("replaced", true));
        mongo.sourceDb().getCollection("audit_log").insertOne(new Document("event", "first entry"));
        mongo.sourceDb().createCollection("coupons");

        HttpResponse<String> second = sync(api, "POST");

        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(MongoSnapshot.of(mongo.targetDb())).isEqualTo(MongoSnapshot.of(mongo.sourceDb()));
        assertThat(mongo.targetDb().getCollection("orders").countDocuments()).isEqualTo(501);
    }

    @Test
    void aRequestDuringARunGets409WithTheRunningRunsId() throws Exception {
        TestMongo mongo = mongo();
        SourceData.seed(mongo.sourceDb(), 300, 300);
        Gate gate = new Gate();
        TestApi api = api(mongo, gate);
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> sync(api, "POST"));
        gate.awaitReached();

        HttpResponse<String> second = sync(api, "POST");
        gate.open();

        assertThat(second.statusCode()).isEqualTo(409);
        JsonNode conflict = json(second);
        assertThat(conflict.get("status").asInt()).isEqualTo(409);
        assertThat(conflict.get("error").asText()).contains("in progress");
        HttpResponse<String> firstResponse = first.get(60, TimeUnit.SECONDS);
        assertThat(firstResponse.statusCode()).isEqualTo(200);
        assertThat(conflict.get("runId").asText()).isEqualTo(json(firstResponse).get("runId").asText());
    }

    @Test
    void aRunOutlastingTheWaitAnswers202AndIsVisibleAtItsLocation() throws Exception {
        TestMongo mongo = mongo();
        SourceData.seed(mongo.sourceDb(), 300, 300);
        Gate gate = new Gate();
        TestApi api = servers.api(mongo, ApiSetup.defaults().withListener(gate).withWait(Duration.ofMillis(200)));

        HttpResponse<String> accepted = sync(api, "POST");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String runId = json(accepted).get("runId").asText();
        assertThat(json(accepted).get("status").asText()).isEqualTo("running");
        assertThat(accepted.headers().firstValue("Location")).contains("/runs/" + runId);
        HttpResponse<String> running = api.send("GET", "/runs/" + runId, TestServers.operator());
        assertThat(json(running).get("status").asText()).isEqualTo("running");

        gate.open();
        SyncResult result = api.awaitRun(runId, Duration.ofSeconds(60));

        assertThat(result.status()).isEqualTo(SyncStatus.COMPLETED);
        HttpResponse<String> done = api.send("GET", "/runs/" + runId, TestServers.operator());
        assertThat(json(done).get("status").asText()).isEqualTo("completed");
        assertThat(json(done).get("documents").asLong()).isEqualTo(300 + 300 + 602);
        HttpResponse<String> history = api.send("GET", "/runs?limit=5", TestServers.operator());
        assertThat(json(history).get(0).get("runId").asText()).isEqualTo(runId);
        assertThat(api.send("GET", "/runs/no-such-run", TestServers.operator()).statusCode()).isEqualTo(404);
    }

    @Test
    void runsOutlastingAZeroWaitAre202WithinOneSecondAtThe99thPercentile() throws Exception {
        TestMongo mongo = mongo();
        SourceData.seed(mongo.sourceDb(), 50, 50);
        HeldRuns held = new HeldRuns();
        // SYNC_WAIT_SECONDS=0: every run outlasts the wait, so every answer is the 202 path.
        TestApi api = servers.api(mongo, ApiSetup.defaults().withListener(held).withWait(Duration.ZERO));
        List<Double> millis = new ArrayList<>();
        int runs = 50;
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            HttpResponse<String> accepted = sync(api, i % 2 == 0 ? "POST" : "GET");
            millis.add((System.nanoTime() - started) / 1e6);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String runId = json(accepted).get("runId").asText();
            held.release(runId);
            assertThat(api.awaitRun(runId, Duration.ofSeconds(60)).status()).isEqualTo(SyncStatus.COMPLETED);
        }
        millis.sort(Double::compare);
        double p50 = millis.get(runs / 2);
        double p99 = millis.get((int) Math.ceil(0.99 * runs) - 1);
        System.out.printf("case=long-run-202 runs=%d p50Ms=%.1f p99Ms=%.1f maxMs=%.1f%n", runs, p50, p99, millis.get(runs - 1));
        assertThat(p99).isLessThan(1000);
    }

    /** Holds every run at its first written batch until the test releases that run. */
    private static final class HeldRuns implements ProgressListener {
        private final java.util.Map<String, CountDownLatch> gates = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void batchWritten(String runId, String collection, long documentsSoFar) {
            try {
                gates.computeIfAbsent(runId, id -> new CountDownLatch(1)).await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void release(String runId) {
            gates.computeIfAbsent(runId, id -> new CountDownLatch(1)).countDown();
        }
    }

    private static JsonNode find(JsonNode collections, String name) {
        for (JsonNode collection : collections) {
            if (collection.get("name").asText().equals(name)) {
                return collection;
            }
        }
        throw new AssertionError("no collection " + name + " in " + collections);
    }

    /** Holds a run at its first written batch until the test opens it. */
    private static final class Gate implements ProgressListener {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        @Override
        public void batchWritten(String runId, String collection, long documentsSoFar) {
            reached.countDown();
            try {
                open.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitReached() throws InterruptedException {
            assertThat(reached.await(60, TimeUnit.SECONDS)).as("the run reached its first batch").isTrue();
        }

        void open() {
            open.countDown();
        }
    }
}
