package io.dbsync.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.store.PostgresStandbyLedger;
import io.dbsync.api.store.StandbyLedger;
import io.dbsync.api.sync.delta.StreamDelta;
import io.dbsync.api.sync.mongo.BatchLimits;
import io.dbsync.api.sync.plan.StreamPosition;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.RunResults;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Change-stream deltas through the real API, on the test server with its oplog on (its update and
 * replace events are not shaped like a real server's; ChangeEventTest covers the real shape).
 * Every test ends with source and standby compared byte for byte.
 */
class StreamDeltaIT {
    @RegisterExtension
    final TestServers servers = new TestServers();
    private TestMongo mongo;
    private DatabaseUrl postgres;

    private TestApi api(boolean changeStreams) {
        mongo = changeStreams ? servers.mongoWithChangeStreams() : servers.mongo();
        SourceData.seed(mongo.sourceDb(), 300, 600);
        postgres = TestPostgres.freshDatabase();
        return servers.api(mongo, ApiSetup.defaults().withDatabase(postgres));
    }

    @Test
    void autoCopiesInFullFirstThenAppliesEveryKindOfChangeFromTheStream() {
        TestApi api = api(true);
        JsonNode first = RunResults.sync(api, "{\"mode\":\"auto\"}");
        assertThat(first.get("status").asText()).isEqualTo("completed");
        assertThat(first.get("mode").asText()).isEqualTo("full");
        assertThat(first.get("requestedMode").asText()).isEqualTo("auto");
        assertThat(RunResults.collection(first, "orders").get("reason").asText()).contains("no complete copy");

        SourceData.churnOrders(mongo.sourceDb());
        mongo.sourceDb().getCollection("customers").updateOne(new Document("email", "customer7@example.com"),
                Updates.set("firstName", "Renamed"));
        JsonNode delta = RunResults.sync(api, "{\"mode\":\"auto\"}");

        assertThat(delta.get("status").asText()).as(delta.toString()).isEqualTo("completed");
        assertThat(delta.get("mode").asText()).isEqualTo("delta");
        JsonNode orders = RunResults.collection(delta, "orders");
        assertThat(orders.get("method").asText()).isEqualTo("stream");
        assertThat(orders.get("documents").asLong()).isEqualTo(40 + 30 + 20);
        assertThat(orders.get("deleted").asLong()).isEqualTo(10);
        assertThat(RunResults.collection(delta, "customers").get("documents").asLong()).isEqualTo(1);
        assertThat(RunResults.collection(delta, "events").get("documents").asLong()).isZero();
        RunResults.assertStandbyEqualsSource(mongo);
        System.out.println("case=delta-stream mode=" + delta.get("mode").asText() + " ordersWritten="
                + orders.get("documents").asLong() + " ordersDeleted=" + orders.get("deleted").asLong()
                + " runDocuments=" + delta.get("documents").asLong() + " firstRunDocuments=" + first.get("documents").asLong());
    }

    @Test
    void aCollectionCreatedSinceTheLastRunIsCopiedInFullAndTheRestStreamed() {
        TestApi api = api(true);
        RunResults.sync(api, "{\"mode\":\"auto\"}");
        MongoCollection<Document> invoices = mongo.sourceDb().getCollection("invoices");
        for (int i = 0; i < 25; i++) {
            invoices.insertOne(new Document("_id", i).append("amount", i * 10));
        }
        mongo.sourceDb().getCollection("orders").deleteOne(Filters.eq("_id", 5L));

        JsonNode delta = RunResults.sync(api, "{\"mode\":\"delta\"}");

        assertThat(delta.get("status").asText()).as(delta.toString()).isEqualTo("completed");
        JsonNode copied = RunResults.collection(delta, "invoices");
        assertThat(copied.get("method").asText()).isEqualTo("direct");
        assertThat(copied.get("reason").asText()).contains("no complete copy").contains("straight into place: absent on the standby");
        assertThat(copied.get("documents").asLong()).isEqualTo(25);
        assertThat(RunResults.collection(delta, "orders").get("method").asText()).isEqualTo("stream");
        assertThat(RunResults.collection(delta, "orders").get("deleted").asLong()).isEqualTo(1);
        assertThat(delta.get("modeReason").asText()).contains("invoices");
        RunResults.assertStandbyEqualsSource(mongo);
        System.out.println("case=delta-new-collection method=" + copied.get("method").asText()
                + " documents=" + copied.get("documents").asLong());
    }

    @Test
    void anUnusableStoredPositionFallsBackToAFullCopyOfThatCollectionOnly() throws Exception {
        TestApi api = api(true);
        RunResults.sync(api, "{\"mode\":\"auto\"}");
        try (Postgres database = Postgres.open(postgres, 2)) {
            database.jdbi().useHandle(handle -> handle.execute(
                    "UPDATE standby_collections SET position = ? WHERE collection = 'orders'",
                    StreamPosition.after(new BsonDocument("_data", new BsonString("expired-or-invalid-token"))).toJson()));
        }
        SourceData.churnOrders(mongo.sourceDb());

        JsonNode delta = RunResults.sync(api, "{\"mode\":\"delta\"}");

        assertThat(delta.get("status").asText()).as(delta.toString()).isEqualTo("completed");
        JsonNode orders = RunResults.collection(delta, "orders");
        assertThat(orders.get("method").asText()).isEqualTo("copy");
        assertThat(orders.get("reason").asText()).contains("could not resume").contains("copied in full instead");
        assertThat(RunResults.collection(delta, "customers").get("method").asText()).isEqualTo("stream");
        RunResults.assertStandbyEqualsSource(mongo);

        // The full copy recorded a fresh position: the next run streams again.
        mongo.sourceDb().getCollection("orders").deleteOne(Filters.eq("_id", 300L));
        JsonNode next = RunResults.sync(api, "{\"mode\":\"delta\"}");
        assertThat(RunResults.collection(next, "orders").get("method").asText()).isEqualTo("stream");
        assertThat(RunResults.collection(next, "orders").get("deleted").asLong()).isEqualTo(1);
        RunResults.assertStandbyEqualsSource(mongo);
        System.out.println("case=delta-lost-history fallback=" + orders.get("method").asText() + " nextRun="
                + RunResults.collection(next, "orders").get("method").asText());
    }

    @Test
    void aDeltaThatWouldDeleteMostOfACollectionIsRefusedUnlessForced() {
        TestApi api = api(true);
        RunResults.sync(api, "{\"mode\":\"auto\"}");
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());
        mongo.sourceDb().getCollection("orders").deleteMany(Filters.lt("_id", 480L));

        JsonNode refused = RunResults.sync(api, "{\"mode\":\"delta\"}");

        assertThat(refused.get("status").asText()).isEqualTo("refused");
        assertThat(refused.get("error").asText()).contains("'orders'").contains("from 600 to 120");
        assertThat(MongoSnapshot.of(mongo.targetDb())).isEqualTo(before);

        JsonNode forced = RunResults.sync(api, "{\"mode\":\"delta\",\"force\":true}");
        assertThat(forced.get("status").asText()).isEqualTo("completed");
        assertThat(RunResults.collection(forced, "orders").get("method").asText()).isEqualTo("stream");
        assertThat(RunResults.collection(forced, "orders").get("deleted").asLong()).isEqualTo(480);
        RunResults.assertStandbyEqualsSource(mongo);
        System.out.println("case=delta-guard status=" + refused.get("status").asText() + " forcedDeleted="
                + RunResults.collection(forced, "orders").get("deleted").asLong());
    }

    @Test
    void aCrashBetweenApplyingABatchAndSavingItsPositionReplaysHarmlessly() throws Exception {
        TestApi api = api(true);
        RunResults.sync(api, "{\"mode\":\"auto\"}");
        MongoCollection<BsonDocument> orders = mongo.sourceDb().getCollection("orders", BsonDocument.class);
        for (long i = 0; i < 250; i++) { // 250 changes: more than one batch of 100
            orders.updateOne(Filters.eq("_id", i), Updates.set("status", "crash-" + i));
        }
        try (Postgres database = Postgres.open(postgres, 2)) {
            StandbyLedger ledger = new PostgresStandbyLedger(database.jdbi(), mongo.source().identity(),
                    mongo.target().identity(), Clock.systemUTC());
            String saved = ledger.entries().get("orders").position();
            AtomicInteger saves = new AtomicInteger();
            StreamDelta delta = new StreamDelta(new BatchLimits(100, 1 << 20), new RunProgress("crash", ProgressListener.NONE));
            Throwable crash = null;
            try {
                delta.apply("orders", mongo.sourceDb().getCollection("orders", RawBsonDocument.class),
                        mongo.targetDb().getCollection("orders", RawBsonDocument.class), StreamPosition.parse(saved), null,
                        position -> {
                            saves.incrementAndGet();
                            throw new IllegalStateException("the process died before saving the position");
                        });
            } catch (IllegalStateException e) {
                crash = e;
            }
            assertThat(crash).isNotNull();
            assertThat(saves.get()).isEqualTo(1);
            long appliedBeforeCrash = mongo.targetDb().getCollection("orders").countDocuments(Filters.regex("status", "^crash-"));
            assertThat(appliedBeforeCrash).isEqualTo(100);
            assertThat(ledger.entries().get("orders").position()).isEqualTo(saved);

            JsonNode replay = RunResults.sync(api, "{\"mode\":\"delta\"}");

            assertThat(replay.get("status").asText()).as(replay.toString()).isEqualTo("completed");
            assertThat(RunResults.collection(replay, "orders").get("method").asText()).isEqualTo("stream");
            assertThat(RunResults.collection(replay, "orders").get("documents").asLong()).isEqualTo(250);
            assertThat(ledger.entries().get("orders").position()).isNotEqualTo(saved);
            RunResults.assertStandbyEqualsSource(mongo);
            System.out.println("case=delta-crash-replay appliedBeforeCrash=" + appliedBeforeCrash + " replayedWrites="
                    + RunResults.collection(replay, "orders").get("documents").asLong() + " converged=true");
        }
    }
}
