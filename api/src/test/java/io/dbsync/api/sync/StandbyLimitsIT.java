package io.dbsync.api.sync;

import static io.dbsync.api.testing.RunResults.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.api.config.StandbyLimits;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import io.dbsync.testkit.atlas.AtlasProfile;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reliability case 28: Atlas's names and limits on the standby (testkit's M0 profile) — a 60-byte
 * collection name, a standby with 499 collections, a document nested 51 levels deep — each handled
 * or refused with its name, never a half-written run.
 */
class StandbyLimitsIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestMongo mongo() {
        return servers.track(TestMongo.withAtlasStandby(AtlasProfile.m0().withQuotaMegabytes(64).withOpsPerSecond(0)
                .newBackend()));
    }

    private TestApi api(TestMongo mongo) {
        return servers.api(mongo, ApiSetup.defaults().withPolicy(SyncPolicy.defaults().withLimits(StandbyLimits.atlas("m0"))));
    }

    private static JsonNode run(TestApi api, String body) {
        return json(api.post("/syncdb", TestServers.operator(), body));
    }

    @Test
    void aSixtyByteCollectionNameOnAStandbyWith499CollectionsIsCopiedAndSwapped() {
        TestMongo mongo = mongo();
        String longName = "customer_events_by_region_and_quarter_".concat("x".repeat(22));
        assertThat(longName.length()).isEqualTo(60);
        List<Document> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(new Document("_id", i).append("region", "eu-" + (i % 7)));
        }
        mongo.sourceDb().getCollection(longName).insertMany(events);
        for (int i = 0; i < 498; i++) {
            mongo.targetDb().getCollection("unrelated_" + i).insertOne(new Document("_id", i));
        }
        TestApi api = api(mongo);

        JsonNode first = run(api, "{}");
        mongo.sourceDb().getCollection(longName).insertOne(new Document("_id", 1_000).append("region", "us-1"));
        JsonNode second = run(api, "{\"mode\":\"full\"}");

        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("completed");
        assertThat(second.get("status").asText()).as(second.toString()).isEqualTo("completed");
        assertThat(second.get("collections").get(0).get("method").asText()).isEqualTo("copy");
        assertThat(mongo.targetDb().listCollectionNames().into(new ArrayList<>())).hasSize(499);
        assertThat(mongo.targetDb().getCollection(longName).countDocuments()).isEqualTo(301);
        System.out.println("case=atlas-names collectionNameBytes=60 standbyCollections=499 storage=" + second.get("storage"));
    }

    @Test
    void aDocumentNestedFiftyOneLevelsFailsTheRunNamingItBeforeAnySwap() {
        TestMongo mongo = mongo();
        Document deep = new Document("leaf", true);
        for (int level = 1; level < 51; level++) {
            deep = new Document("level" + level, deep);
        }
        mongo.sourceDb().getCollection("trees").insertMany(List.of(new Document("_id", "shallow").append("a", 1),
                new Document("_id", "too-deep").append("root", deep)));
        mongo.targetDb().getCollection("trees").insertOne(new Document("_id", "an older copy"));
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());
        TestApi api = api(mongo);

        JsonNode failed = run(api, "{}");

        assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains("the standby refused a document of collection 'trees'")
                .contains("\"_id\": \"too-deep\"").contains("nothing was swapped");
        assertThat(MongoSnapshot.of(mongo.targetDb())).isEqualTo(before);
        System.out.println("case=atlas-nesting error=\"" + failed.get("error").asText() + "\"");
    }
}
