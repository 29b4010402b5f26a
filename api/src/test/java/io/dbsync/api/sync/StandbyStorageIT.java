package io.dbsync.api.sync;

import static io.dbsync.api.testing.RunResults.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.StandbyLimits;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.sync.plan.StagingNames;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import io.dbsync.testkit.atlas.AtlasProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reliability case 27: a standby with Atlas's storage quota (testkit's profile, code 8000 past it).
 * A database of 60 % of the quota gets its first copy; a full run that cannot stage everything
 * swaps one collection at a time; one that cannot fit at all is refused before any write; the
 * quota hit mid-run fails cleanly.
 */
class StandbyStorageIT {
    private static final long QUOTA_MB = 16;
    private static final int DOC_BYTES = 1_000;

    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestMongo mongo(long quotaMb) {
        return servers.track(TestMongo.withAtlasStandby(AtlasProfile.m0().withQuotaMegabytes(quotaMb).withOpsPerSecond(0)
                .newBackend()));
    }

    private TestApi api(TestMongo mongo, long limitMb) {
        StandbyLimits limits = new StandbyLimits("m0", OptionalLong.of(limitMb * 1024 * 1024),
                StandbyLimits.atlas("m0").maxCollections(), 95, StandbyLimits.atlas("m0").maxDatabaseNameBytes(),
                OptionalLong.empty());
        return servers.api(mongo, ApiSetup.defaults().withPolicy(SyncPolicy.defaults().withLimits(limits)));
    }

    /** Fills {@code collection} with documents of about {@value DOC_BYTES} bytes up to {@code percent} of the quota. */
    static void fill(MongoDatabase db, String collection, double percent) {
        long documents = (long) (QUOTA_MB * 1024 * 1024 * percent / 100 / (DOC_BYTES + 40));
        MongoCollection<Document> target = db.getCollection(collection);
        List<Document> batch = new ArrayList<>();
        for (long i = 0; i < documents; i++) {
            batch.add(new Document("_id", i).append("payload", new Binary(new byte[DOC_BYTES - 40])));
            if (batch.size() == 500) {
                target.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            target.insertMany(batch);
        }
    }

    private static JsonNode run(TestApi api, String body) {
        return json(api.post("/syncdb", TestServers.operator(), body));
    }

    @ParameterizedTest(name = "{0} mode")
    @ValueSource(strings = {"full", "auto"})
    void aDatabaseOfSixtyPercentOfTheQuotaGetsItsFirstCopy(String mode) {
        TestMongo mongo = mongo(QUOTA_MB);
        fill(mongo.sourceDb(), "orders", 33);
        fill(mongo.sourceDb(), "events", 17);
        fill(mongo.sourceDb(), "customers", 10);
        TestApi api = api(mongo, QUOTA_MB);

        JsonNode first = run(api, "{\"mode\":\"" + mode + "\"}");

        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("completed");
        assertThat(first.get("collections")).allSatisfy(c -> assertThat(c.get("method").asText()).isEqualTo("direct"));
        assertThat(first.get("storage").get("limitMb").asLong()).isEqualTo(QUOTA_MB);
        assertThat(MongoSnapshot.of(mongo.targetDb()).documentsHex()).isEqualTo(MongoSnapshot.of(mongo.sourceDb()).documentsHex());
        System.out.println("case=quota-first-copy mode=" + mode + " storage=" + first.get("storage"));
    }

    @Test
    void aFullRunThatCannotStageEverythingSwapsOneCollectionAtATime() {
        TestMongo mongo = mongo(QUOTA_MB);
        fill(mongo.sourceDb(), "orders", 33);
        fill(mongo.sourceDb(), "events", 17);
        fill(mongo.sourceDb(), "customers", 10);
        TestApi api = api(mongo, QUOTA_MB);
        assertThat(run(api, "{}").get("status").asText()).isEqualTo("completed");
        mongo.sourceDb().getCollection("orders").insertOne(new Document("_id", -1L).append("new", true));

        JsonNode second = run(api, "{\"mode\":\"full\"}");

        assertThat(second.get("status").asText()).as(second.toString()).isEqualTo("completed");
        assertThat(second.get("storage").get("strategy").asText()).isEqualTo("per_collection");
        assertThat(second.get("storage").get("peakMb").asLong()).isLessThanOrEqualTo(QUOTA_MB);
        assertThat(second.get("collections")).allSatisfy(c -> assertThat(c.get("method").asText()).isEqualTo("copy"));
        assertThat(MongoSnapshot.of(mongo.targetDb()).documentsHex()).isEqualTo(MongoSnapshot.of(mongo.sourceDb()).documentsHex());
        System.out.println("case=quota-per-collection storage=" + second.get("storage"));
    }

    @Test
    void aRunThatCannotFitAtAllIsRefusedBeforeAnyWrite() {
        TestMongo mongo = mongo(QUOTA_MB);
        fill(mongo.sourceDb(), "orders", 50);
        fill(mongo.sourceDb(), "customers", 10);
        TestApi api = api(mongo, QUOTA_MB);
        assertThat(run(api, "{}").get("status").asText()).isEqualTo("completed");
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());

        JsonNode refused = run(api, "{\"mode\":\"full\"}");

        assertThat(refused.get("status").asText()).as(refused.toString()).isEqualTo("refused");
        assertThat(refused.get("refusal").asText()).isEqualTo("storage_limit");
        assertThat(refused.get("error").asText()).contains("MB at peak, limit 16 MB").contains("SYNC_MODE=auto");
        assertThat(MongoSnapshot.of(mongo.targetDb())).as("standbyChangedOnRefusal=0").isEqualTo(before);
        System.out.println("case=quota-refused error=\"" + refused.get("error").asText() + "\" standbyChangedOnRefusal=0");
    }

    @Test
    void theQuotaHitMidRunFailsCleanly() {
        TestMongo mongo = mongo(QUOTA_MB);
        fill(mongo.sourceDb(), "orders", 33);
        fill(mongo.sourceDb(), "events", 17);
        fill(mongo.sourceDb(), "customers", 10);
        // The configured limit is wrong (twice the real quota): the plan stages everything, and the quota bites.
        TestApi api = api(mongo, 2 * QUOTA_MB);
        assertThat(run(api, "{}").get("status").asText()).isEqualTo("completed");
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());

        JsonNode failed = run(api, "{\"mode\":\"full\"}");

        assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).startsWith("standby over its storage quota (you are over your space quota");
        assertThat(mongo.targetDb().listCollectionNames().into(new ArrayList<>())).noneMatch(StagingNames::isStaging);
        assertThat(MongoSnapshot.of(mongo.targetDb())).isEqualTo(before);
        System.out.println("case=quota-mid-run error=\"" + failed.get("error").asText() + "\" stagingLeft=0");
    }
}
