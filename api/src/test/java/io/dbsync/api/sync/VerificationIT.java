package io.dbsync.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Updates;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.config.VerifyMode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Verification and progress of real runs, with the staging collection tampered with mid-run. */
class VerificationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = TestServers.operator();

    @RegisterExtension
    final TestServers servers = new TestServers();


    private TestApi api(TestMongo mongo, SyncSettings settings, ProgressListener listener) {
        return servers.api(mongo, ApiSetup.defaults().withSettings(settings).withListener(listener));
    }

    /**
     * A source, and a standby that already holds something in every collection: a copy onto it goes
     * through staging (a collection absent or empty on the standby would be copied straight into place).
     */
    private TestMongo seededMongo() {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 200, 2_000);
        for (String name : mongo.sourceDb().listCollectionNames()) {
            if (mongo.sourceDb().getCollection(name).countDocuments() > 1) { // an empty one would trip the deletion guard
                mongo.targetDb().getCollection(name).insertOne(new Document("_id", "an older copy"));
            }
        }
        return mongo;
    }

    /** Once the orders copy is under way, does something to its staging collection (as a stray writer would). */
    private static ProgressListener tamperOnce(TestMongo mongo, java.util.function.Consumer<com.mongodb.client.MongoCollection<Document>> tamper) {
        AtomicBoolean done = new AtomicBoolean();
        return (runId, collection, soFar) -> {
            if (collection.equals("orders") && soFar >= 500 && done.compareAndSet(false, true)) {
                tamper.accept(mongo.targetDb().getCollection(StagingNames.stagingFor("orders", StagingNames.runTag(runId))));
            }
        };
    }

    @Test
    void theDigestCatchesAStagedDocumentWhoseBytesChangedAndNothingIsSwapped() throws Exception {
        TestMongo mongo = seededMongo();
        TestApi api = api(mongo, TestApi.testSettings().withVerify(VerifyMode.DIGEST),
                tamperOnce(mongo, staging -> staging.updateOne(new Document(), Updates.set("status", "tampered"))));
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());

        HttpResponse<String> response = api.send("POST", "/syncdb", AUTH);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).get("error").asText())
                .contains("collection 'orders' did not verify").contains("content digest");
        assertThat(MongoSnapshot.of(mongo.targetDb())).isEqualTo(before);
    }

    @Test
    void theCountCatchesAStagingCollectionThatGainedADocument() throws Exception {
        TestMongo mongo = seededMongo();
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());
        TestApi api = api(mongo, TestApi.testSettings(),
                tamperOnce(mongo, staging -> staging.insertOne(new Document("_id", "intruder"))));

        HttpResponse<String> response = api.send("POST", "/syncdb", AUTH);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).get("error").asText())
                .contains("collection 'orders' did not verify").contains("staging holds 2001");
        assertThat(MongoSnapshot.of(mongo.targetDb())).as("the standby as it was").isEqualTo(before);
    }

    @Test
    void aCleanDigestRunVerifiesEveryOrderedCollectionByDigest() throws Exception {
        TestMongo mongo = seededMongo();
        TestApi api = api(mongo, TestApi.testSettings().withVerify(VerifyMode.DIGEST), ProgressListener.NONE);

        HttpResponse<String> response = api.send("POST", "/syncdb", AUTH);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode collection : JSON.readTree(response.body()).get("collections")) {
            assertThat(collection.get("verification").asText()).as(collection.get("name").asText()).isEqualTo("digest");
            assertThat(collection.get("verified").asBoolean()).isTrue();
        }
        assertThat(MongoSnapshot.of(mongo.targetDb())).isEqualTo(MongoSnapshot.of(mongo.sourceDb()));
    }

    @Test
    void progressSeenOverHttpRisesToTheTotals() throws Exception {
        TestMongo mongo = seededMongo();
        List<Long> seenDocuments = new ArrayList<>();
        List<JsonNode> seenOrders = new ArrayList<>();
        AtomicReference<TestApi> apiRef = new AtomicReference<>();
        // Asks the API itself, over HTTP, for the run's state after every written batch.
        TestApi api = api(mongo, TestApi.testSettings().withParallelism(1, 1), (runId, collection, soFar) -> {
            try {
                JsonNode state = JSON.readTree(apiRef.get().send("GET", "/runs/" + runId, AUTH).body());
                synchronized (seenDocuments) {
                    seenDocuments.add(state.get("documents").asLong());
                    for (JsonNode live : state.get("live")) {
                        if (live.get("name").asText().equals("orders")) {
                            seenOrders.add(live);
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        apiRef.set(api);

        HttpResponse<String> response = api.send("POST", "/syncdb", AUTH);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        long total = JSON.readTree(response.body()).get("documents").asLong();
        assertThat(seenDocuments).hasSizeGreaterThan(20).isSorted();
        assertThat(seenDocuments.get(seenDocuments.size() - 1)).isEqualTo(total);
        JsonNode lastOrders = seenOrders.get(seenOrders.size() - 1);
        assertThat(lastOrders.get("documents").asLong()).isEqualTo(2_000);
        assertThat(lastOrders.get("estimatedDocuments").asLong()).isEqualTo(2_000);
        List<String> states = seenOrders.stream().map(node -> node.get("state").asText()).distinct().toList();
        assertThat(states).containsExactly("copying", "staged");
        assertThat(seenOrders.get(0).get("documents").asLong()).isLessThan(2_000);
        System.out.println("case=progress samples=" + seenDocuments.size() + " first=" + seenDocuments.get(0) + " last=" + total);
    }
}
