package io.dbsync.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.RunResults;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.Map;

/**
 * Content-comparison deltas through the real API on a source without change streams, full mode's
 * recorded positions, and unique-index conflicts. Every test ends with source and standby compared byte for byte.
 */
class CompareDeltaIT {
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
    void withoutChangeStreamsTheDeltaComparesContentsAndWritesOnlyTheChangedDocuments() {
        TestApi api = api(false);
        Assumptions.assumeTrue(mongo.isEmbedded(), "needs a source without change streams: with DBSYNC_TEST_MONGODB_URI the"
                + " real server's replica set has them (the digest path is still covered by the fallback tests)");
        JsonNode first = RunResults.sync(api, "{\"mode\":\"auto\"}");
        assertThat(first.get("mode").asText()).isEqualTo("full");
        Map<String, Integer> changes = SourceData.churnOrders(mongo.sourceDb());
        MongoCollection<BsonDocument> events = mongo.sourceDb().getCollection("events", BsonDocument.class);
        events.updateOne(Filters.eq("_id", new BsonString("evt-7")), Updates.set("k", "changed"));
        events.deleteOne(Filters.eq("_id", 3));

        JsonNode delta = RunResults.sync(api, "{\"mode\":\"auto\",\"verify\":\"digest\"}");

        assertThat(delta.get("status").asText()).as(delta.toString()).isEqualTo("completed");
        assertThat(delta.get("mode").asText()).isEqualTo("delta");
        JsonNode orders = RunResults.collection(delta, "orders");
        assertThat(orders.get("method").asText()).isEqualTo("digest");
        assertThat(orders.get("reason").asText()).contains("no change stream");
        long changed = changes.get("inserted") + changes.get("updated") + changes.get("replaced");
        assertThat(orders.get("documents").asLong()).isEqualTo(changed);
        assertThat(orders.get("deleted").asLong()).isEqualTo((long) changes.get("deleted"));
        assertThat(orders.get("verification").asText()).isEqualTo("digest");
        JsonNode mixed = RunResults.collection(delta, "events");
        assertThat(mixed.get("documents").asLong()).isEqualTo(1);
        assertThat(mixed.get("deleted").asLong()).isEqualTo(1);
        assertThat(RunResults.collection(delta, "customers").get("documents").asLong()).isZero();
        RunResults.assertStandbyEqualsSource(mongo);
        long writes = delta.get("documents").asLong() + orders.get("deleted").asLong() + mixed.get("deleted").asLong();
        System.out.println("case=delta-digest changedDocuments=" + (changed + changes.get("deleted") + 2) + " writes=" + writes);
    }

    @Test
    void fullModeNeverDeltasButRecordsPositionsForTheNextDelta() {
        TestApi api = api(true);
        RunResults.sync(api, "{}");
        mongo.sourceDb().getCollection("orders").deleteOne(Filters.eq("_id", 1L));
        JsonNode full = RunResults.sync(api, "{\"mode\":\"full\"}");
        assertThat(full.get("mode").asText()).isEqualTo("full");
        assertThat(RunResults.collection(full, "orders").get("method").asText()).isEqualTo("copy");
        mongo.sourceDb().getCollection("orders").deleteOne(Filters.eq("_id", 2L));
        JsonNode delta = RunResults.sync(api, "{\"mode\":\"delta\"}");
        assertThat(RunResults.collection(delta, "orders").get("method").asText()).isEqualTo("stream");
        assertThat(RunResults.collection(delta, "orders").get("deleted").asLong()).isEqualTo(1);
        RunResults.assertStandbyEqualsSource(mongo);
    }

    @Test
    void twoDocumentsTradingAUniqueValueFallBackToACopyInsteadOfFailingEveryRun() {
        TestApi api = api(true);
        RunResults.sync(api, "{\"mode\":\"auto\"}");
        MongoCollection<Document> customers = mongo.sourceDb().getCollection("customers");
        customers.updateOne(new Document("email", "customer1@example.com"), Updates.set("email", "swap@example.com"));
        customers.updateOne(new Document("email", "customer2@example.com"), Updates.set("email", "customer1@example.com"));
        customers.updateOne(new Document("email", "swap@example.com"), Updates.set("email", "customer2@example.com"));

        JsonNode delta = RunResults.sync(api, "{\"mode\":\"delta\"}");

        assertThat(delta.get("status").asText()).as(delta.toString()).isEqualTo("completed");
        JsonNode copied = RunResults.collection(delta, "customers");
        assertThat(copied.get("method").asText()).isEqualTo("copy");
        assertThat(copied.get("reason").asText()).contains("unique index");
        RunResults.assertStandbyEqualsSource(mongo);
        JsonNode next = RunResults.sync(api, "{\"mode\":\"delta\"}");
        assertThat(RunResults.collection(next, "customers").get("method").asText()).isEqualTo("stream");
        System.out.println("case=delta-unique-swap method=" + copied.get("method").asText() + " nextRun="
                + RunResults.collection(next, "customers").get("method").asText());
    }

    @Test
    void aNewDocumentTakingOverADeletedOnesUniqueValueIsAppliedDeletesFirst() {
        TestApi api = api(false);
        RunResults.sync(api, "{\"mode\":\"auto\"}");
        MongoCollection<Document> customers = mongo.sourceDb().getCollection("customers");
        Document old = customers.find(new Document("email", "customer3@example.com")).first();
        customers.deleteOne(new Document("_id", old.get("_id")));
        // An _id that sorts before the deleted one's: the merge join meets the insert first.
        customers.insertOne(new Document("_id", new org.bson.types.ObjectId("000000000000000000000001"))
                .append("email", "customer3@example.com").append("firstName", "Again"));

        JsonNode delta = RunResults.sync(api, "{\"mode\":\"delta\"}");

        assertThat(delta.get("status").asText()).as(delta.toString()).isEqualTo("completed");
        JsonNode digest = RunResults.collection(delta, "customers");
        assertThat(digest.get("method").asText()).isEqualTo("digest");
        assertThat(digest.get("documents").asLong()).isEqualTo(1);
        assertThat(digest.get("deleted").asLong()).isEqualTo(1);
        RunResults.assertStandbyEqualsSource(mongo);
    }
}
