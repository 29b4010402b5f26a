package io.dbsync.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.db.Database;
import io.dbsync.api.runs.PostgresStandbyLedger;
import io.dbsync.api.runs.StandbyLedger;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Delta runs through the real API: change-stream deltas on the test server with its oplog on (its
 * update and replace events are not shaped like a real server's; {@link ChangeEventTest} covers the
 * real shape), and content-comparison deltas on a source without change streams. Every test ends
 * with source and standby compared byte for byte.
 */
class DeltaSyncIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = TestApi.basic("operator", "operator-password");

    private final List<AutoCloseable> resources = new ArrayList<>();
    private TestMongo mongo;
    private DatabaseUrl postgres;

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private TestApi api(boolean changeStreams) {
        mongo = changeStreams ? TestMongo.startWithChangeStreams() : TestMongo.start();
        resources.add(mongo);
        SourceData.seed(mongo.sourceDb(), 300, 600);
        postgres = TestPostgres.freshDatabase();
        TestApi api = TestApi.start(mongo, TestApi.testSettings(), SyncPolicy.defaults(), ProgressListener.NONE,
                Clock.systemUTC(), postgres);
        resources.add(api);
        api.addUser("operator", "operator-password");
        return api;
    }

    private static JsonNode run(TestApi api, String body) {
        HttpResponse<String> response = api.post("/syncdb", AUTH, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static JsonNode collection(JsonNode result, String name) {
        for (JsonNode collection : result.get("collections")) {
            if (collection.get("name").asText().equals(name)) {
                return collection;
            }
        }
        throw new AssertionError("no collection " + name + " in " + result);
    }

    private void assertStandbyEqualsSource() {
        MongoSnapshot source = MongoSnapshot.of(mongo.sourceDb());
        MongoSnapshot standby = MongoSnapshot.of(mongo.targetDb());
        assertThat(standby.documentsHex()).isEqualTo(source.documentsHex());
        assertThat(standby.documentCount()).isGreaterThan(0);
    }

    /** Inserts 40, updates 30 ($set), replaces 20 and deletes 10 orders; returns the changes by kind. */
    private static Map<String, Integer> churnOrders(MongoDatabase source) {
        MongoCollection<BsonDocument> orders = source.getCollection("orders", BsonDocument.class);
        for (long i = 0; i < 40; i++) {
            orders.insertOne(SourceData.order(10_000 + i, 300));
        }
        for (long i = 0; i < 30; i++) {
            orders.updateOne(Filters.eq("_id", i), Updates.set("status", "refunded-" + i));
        }
        for (long i = 100; i < 120; i++) {
            orders.replaceOne(Filters.eq("_id", i), new BsonDocument("_id", new BsonInt64(i)).append("replaced", new BsonString("yes")));
        }
        for (long i = 200; i < 210; i++) {
            orders.deleteOne(Filters.eq("_id", i));
        }
        return Map.of("inserted", 40, "updated", 30, "replaced", 20, "deleted", 10);
    }

    @Test
    void autoCopiesInFullFirstThenAppliesEveryKindOfChangeFromTheStream() {
        TestApi api = api(true);
        JsonNode first = run(api, "{\"mode\":\"auto\"}");
        assertThat(first.get("status").asText()).isEqualTo("completed");
        assertThat(first.get("mode").asText()).isEqualTo("full");
        assertThat(first.get("requestedMode").asText()).isEqualTo("auto");
        assertThat(collection(first, "orders").get("reason").asText()).contains("no complete copy");

        churnOrders(mongo.sourceDb());
        mongo.sourceDb().getCollection("customers").updateOne(new Document("email", "customer7@example.com"),
                Updates.set("firstName", "Renamed"));
        JsonNode delta = run(api, "{\"mode\":\"auto\"}");

        assertThat(delta.get("status").asText()).as(delta.toString()).isEqualTo("completed");
        assertThat(delta.get("mode").asText()).isEqualTo("delta");
        JsonNode orders = collection(delta, "orders");
        assertThat(orders.get("method").asText()).isEqualTo("stream");
        assertThat(orders.get("documents").asLong()).isEqualTo(40 + 30 + 20);
        assertThat(orders.get("deleted").asLong()).isEqualTo(10);
        assertThat(collection(delta, "customers").get("documents").asLong()).isEqualTo(1);
        assertThat(collection(delta, "events").get("documents").asLong()).isZero();
        assertStandbyEqualsSource();
        System.out.println("case=delta-stream mode=" + delta.get("mode").asText() + " ordersWritten="
                + orders.get("documents").asLong() + " ordersDeleted=" + orders.get("deleted").asLong()
                + " runDocuments=" + delta.get("documents").asLong() + " firstRunDocuments=" + first.get("documents").asLong());
    }

    @Test
    void aCollectionCreatedSinceTheLastRunIsCopiedInFullAndTheRestStreamed() {
        TestApi api = api(true);
        run(api, "{\"mode\":\"auto\"}");
        MongoCollection<Document> invoices = mongo.sourceDb().getCollection("invoices");
        for (int i = 0; i < 25; i++) {
            invoices.insertOne(new Document("_id", i).append("amount", i * 10));
        }
        mongo.sourceDb().getCollection("orders").deleteOne(Filters.eq("_id", 5L));

        JsonNode delta = run(api, "{\"mode\":\"delta\"}");

        assertThat(delta.get("status").asText()).as(delta.toString()).isEqualTo("completed");
        JsonNode copied = collection(delta, "invoices");
        assertThat(copied.get("method").asText()).isEqualTo("copy");
        assertThat(copied.get("reason").asText()).contains("no complete copy");
        assertThat(copied.get("documents").asLong()).isEqualTo(25);
        assertThat(collection(delta, "orders").get("method").asText()).isEqualTo("stream");
        assertThat(collection(delta, "orders").get("deleted").asLong()).isEqualTo(1);
        assertThat(delta.get("modeReason").asText()).contains("invoices");
        assertStandbyEqualsSource();
        System.out.println("case=delta-new-collection method=" + copied.get("method").asText()
                + " documents=" + copied.get("documents").asLong());
    }

    @Test
    void anUnusableStoredPositionFallsBackToAFullCopyOfThatCollectionOnly() throws Exception {
        TestApi api = api(true);
        run(api, "{\"mode\":\"auto\"}");
        try (Database database = Database.open(postgres, 2)) {
            database.jdbi().useHandle(handle -> handle.execute(
                    "UPDATE standby_collections SET position = ? WHERE collection = 'orders'",
                    StreamPosition.after(new BsonDocument("_data", new BsonString("expired-or-invalid-token"))).toJson()));
        }
        churnOrders(mongo.sourceDb());

        JsonNode delta = run(api, "{\"mode\":\"delta\"}");

        assertThat(delta.get("status").asText()).as(delta.toString()).isEqualTo("completed");
        JsonNode orders = collection(delta, "orders");
        assertThat(orders.get("method").asText()).isEqualTo("copy");
        assertThat(orders.get("reason").asText()).contains("could not resume").contains("copied in full instead");
        assertThat(collection(delta, "customers").get("method").asText()).isEqualTo("stream");
        assertStandbyEqualsSource();

        // The full copy recorded a fresh position: the next run streams again.
        mongo.sourceDb().getCollection("orders").deleteOne(Filters.eq("_id", 300L));
        JsonNode next = run(api, "{\"mode\":\"delta\"}");
        assertThat(collection(next, "orders").get("method").asText()).isEqualTo("stream");
        assertThat(collection(next, "orders").get("deleted").asLong()).isEqualTo(1);
        assertStandbyEqualsSource();
        System.out.println("case=delta-lost-history fallback=" + orders.get("method").asText() + " nextRun="
                + collection(next, "orders").get("method").asText());
    }

    @Test
    void aDeltaThatWouldDeleteMostOfACollectionIsRefusedUnlessForced() {
        TestApi api = api(true);
        run(api, "{\"mode\":\"auto\"}");
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());
        mongo.sourceDb().getCollection("orders").deleteMany(Filters.lt("_id", 480L));

        JsonNode refused = run(api, "{\"mode\":\"delta\"}");

        assertThat(refused.get("status").asText()).isEqualTo("refused");
        assertThat(refused.get("error").asText()).contains("'orders'").contains("from 600 to 120");
        assertThat(MongoSnapshot.of(mongo.targetDb())).isEqualTo(before);

        JsonNode forced = run(api, "{\"mode\":\"delta\",\"force\":true}");
        assertThat(forced.get("status").asText()).isEqualTo("completed");
        assertThat(collection(forced, "orders").get("method").asText()).isEqualTo("stream");
        assertThat(collection(forced, "orders").get("deleted").asLong()).isEqualTo(480);
        assertStandbyEqualsSource();
        System.out.println("case=delta-guard status=" + refused.get("status").asText() + " forcedDeleted="
                + collection(forced, "orders").get("deleted").asLong());
    }

    @Test
    void aCrashBetweenApplyingABatchAndSavingItsPositionReplaysHarmlessly() throws Exception {
        TestApi api = api(true);
        run(api, "{\"mode\":\"auto\"}");
        MongoCollection<BsonDocument> orders = mongo.sourceDb().getCollection("orders", BsonDocument.class);
        for (long i = 0; i < 250; i++) { // 250 changes: more than one batch of 100
            orders.updateOne(Filters.eq("_id", i), Updates.set("status", "crash-" + i));
        }
        try (Database database = Database.open(postgres, 2)) {
            StandbyLedger ledger = new PostgresStandbyLedger(database.jdbi(), mongo.source().identity(),
                    mongo.target().identity(), Clock.systemUTC());
            String saved = ledger.entries().get("orders").position();
            AtomicInteger saves = new AtomicInteger();
            StreamDelta delta = new StreamDelta(100, 1 << 20, new RunProgress("crash", ProgressListener.NONE));
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

            JsonNode replay = run(api, "{\"mode\":\"delta\"}");

            assertThat(replay.get("status").asText()).as(replay.toString()).isEqualTo("completed");
            assertThat(collection(replay, "orders").get("method").asText()).isEqualTo("stream");
            assertThat(collection(replay, "orders").get("documents").asLong()).isEqualTo(250);
            assertThat(ledger.entries().get("orders").position()).isNotEqualTo(saved);
            assertStandbyEqualsSource();
            System.out.println("case=delta-crash-replay appliedBeforeCrash=" + appliedBeforeCrash + " replayedWrites="
                    + collection(replay, "orders").get("documents").asLong() + " converged=true");
        }
    }

    @Test
    void withoutChangeStreamsTheDeltaComparesContentsAndWritesOnlyTheChangedDocuments() {
        TestApi api = api(false);
        Assumptions.assumeTrue(mongo.isEmbedded(), "needs a source without change streams: with DBSYNC_TEST_MONGODB_URI the"
                + " real server's replica set has them (the digest path is still covered by the fallback tests)");
        JsonNode first = run(api, "{\"mode\":\"auto\"}");
        assertThat(first.get("mode").asText()).isEqualTo("full");
        Map<String, Integer> changes = churnOrders(mongo.sourceDb());
        MongoCollection<BsonDocument> events = mongo.sourceDb().getCollection("events", BsonDocument.class);
        events.updateOne(Filters.eq("_id", new BsonString("evt-7")), Updates.set("k", "changed"));
        events.deleteOne(Filters.eq("_id", 3));

        JsonNode delta = run(api, "{\"mode\":\"auto\",\"verify\":\"digest\"}");

        assertThat(delta.get("status").asText()).as(delta.toString()).isEqualTo("completed");
        assertThat(delta.get("mode").asText()).isEqualTo("delta");
        JsonNode orders = collection(delta, "orders");
        assertThat(orders.get("method").asText()).isEqualTo("digest");
        assertThat(orders.get("reason").asText()).contains("no change stream");
        long changed = changes.get("inserted") + changes.get("updated") + changes.get("replaced");
        assertThat(orders.get("documents").asLong()).isEqualTo(changed);
        assertThat(orders.get("deleted").asLong()).isEqualTo((long) changes.get("deleted"));
        assertThat(orders.get("verification").asText()).isEqualTo("digest");
        JsonNode mixed = collection(delta, "events");
        assertThat(mixed.get("documents").asLong()).isEqualTo(1);
        assertThat(mixed.get("deleted").asLong()).isEqualTo(1);
        assertThat(collection(delta, "customers").get("documents").asLong()).isZero();
        assertStandbyEqualsSource();
        long writes = delta.get("documents").asLong() + orders.get("deleted").asLong() + mixed.get("deleted").asLong();
        System.out.println("case=delta-digest changedDocuments=" + (changed + changes.get("deleted") + 2) + " writes=" + writes);
    }

    @Test
    void fullModeNeverDeltasButRecordsPositionsForTheNextDelta() {
        TestApi api = api(true);
        run(api, "{}");
        mongo.sourceDb().getCollection("orders").deleteOne(Filters.eq("_id", 1L));
        JsonNode full = run(api, "{\"mode\":\"full\"}");
        assertThat(full.get("mode").asText()).isEqualTo("full");
        assertThat(collection(full, "orders").get("method").asText()).isEqualTo("copy");
        mongo.sourceDb().getCollection("orders").deleteOne(Filters.eq("_id", 2L));
        JsonNode delta = run(api, "{\"mode\":\"delta\"}");
        assertThat(collection(delta, "orders").get("method").asText()).isEqualTo("stream");
        assertThat(collection(delta, "orders").get("deleted").asLong()).isEqualTo(1);
        assertStandbyEqualsSource();
    }

    @Test
    void twoDocumentsTradingAUniqueValueFallBackToACopyInsteadOfFailingEveryRun() {
        TestApi api = api(true);
        run(api, "{\"mode\":\"auto\"}");
        MongoCollection<Document> customers = mongo.sourceDb().getCollection("customers");
        customers.updateOne(new Document("email", "customer1@example.com"), Updates.set("email", "swap@example.com"));
        customers.updateOne(new Document("email", "customer2@example.com"), Updates.set("email", "customer1@example.com"));
        customers.updateOne(new Document("email", "swap@example.com"), Updates.set("email", "customer2@example.com"));

        JsonNode delta = run(api, "{\"mode\":\"delta\"}");

        assertThat(delta.get("status").asText()).as(delta.toString()).isEqualTo("completed");
        JsonNode copied = collection(delta, "customers");
        assertThat(copied.get("method").asText()).isEqualTo("copy");
        assertThat(copied.get("reason").asText()).contains("unique index");
        assertStandbyEqualsSource();
        JsonNode next = run(api, "{\"mode\":\"delta\"}");
        assertThat(collection(next, "customers").get("method").asText()).isEqualTo("stream");
        System.out.println("case=delta-unique-swap method=" + copied.get("method").asText() + " nextRun="
                + collection(next, "customers").get("method").asText());
    }

    @Test
    void aNewDocumentTakingOverADeletedOnesUniqueValueIsAppliedDeletesFirst() {
        TestApi api = api(false);
        run(api, "{\"mode\":\"auto\"}");
        MongoCollection<Document> customers = mongo.sourceDb().getCollection("customers");
        Document old = customers.find(new Document("email", "customer3@example.com")).first();
        customers.deleteOne(new Document("_id", old.get("_id")));
        // An _id that sorts before the deleted one's: the merge join meets the insert first.
        customers.insertOne(new Document("_id", new org.bson.types.ObjectId("000000000000000000000001"))
                .append("email", "customer3@example.com").append("firstName", "Again"));

        JsonNode delta = run(api, "{\"mode\":\"delta\"}");

        assertThat(delta.get("status").asText()).as(delta.toString()).isEqualTo("completed");
        JsonNode digest = collection(delta, "customers");
        assertThat(digest.get("method").asText()).isEqualTo("digest");
        assertThat(digest.get("documents").asLong()).isEqualTo(1);
        assertThat(digest.get("deleted").asLong()).isEqualTo(1);
        assertStandbyEqualsSource();
    }
}
