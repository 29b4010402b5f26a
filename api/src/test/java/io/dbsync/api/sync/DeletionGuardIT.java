package io.dbsync.api.sync;

import static io.dbsync.api.testing.RunResults.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.api.config.SyncPolicy;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The deletion guard over the real HTTP path: an emptied collection or database is refused, force overrides it. */
class DeletionGuardIT {
    private static final String AUTH = TestServers.operator();

    @RegisterExtension
    final TestServers servers = new TestServers();
    private TestMongo mongo;

    private TestApi api(SyncPolicy policy, Clock clock) {
        mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 200, 400);
        return servers.api(mongo, ApiSetup.defaults().withPolicy(policy).withClock(clock));
    }

    private TestApi api() {
        return api(SyncPolicy.defaults(), Clock.systemUTC());
    }

    private List<String> targetNames() {
        return mongo.targetDb().listCollectionNames().into(new ArrayList<>()).stream().sorted().toList();
    }

    @Test
    void anEmptiedSourceCollectionIsRefusedAndTheStandbyKept() {
        TestApi api = api();
        assertThat(api.send("POST", "/syncdb", AUTH).statusCode()).isEqualTo(200);
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());
        mongo.sourceDb().getCollection("orders").deleteMany(new Document());

        HttpResponse<String> response = api.send("POST", "/syncdb", AUTH);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("refused");
        assertThat(body.get("error").asText()).contains("'orders'").contains("from 400 to 0").contains("100 %")
                .contains("force=true");
        boolean targetChanged = !MongoSnapshot.of(mongo.targetDb()).equals(before);
        System.out.println("case=emptied-collection status=" + body.get("status").asText() + " targetChanged=" + targetChanged);
        assertThat(targetChanged).isFalse();
    }

    @Test
    void anEmptySourceDatabaseIsRefused() {
        TestApi api = api();
        assertThat(api.send("POST", "/syncdb", AUTH).statusCode()).isEqualTo(200);
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());
        mongo.sourceDb().drop();

        JsonNode body = json(api.send("POST", "/syncdb", AUTH));

        assertThat(body.get("status").asText()).isEqualTo("refused");
        assertThat(body.get("error").asText()).contains("source database has no collections");
        assertThat(MongoSnapshot.of(mongo.targetDb())).isEqualTo(before);
    }

    @Test
    void forceCopiesAnywayAndTheRunRecordSaysSo() {
        TestApi api = api();
        assertThat(api.send("POST", "/syncdb", AUTH).statusCode()).isEqualTo(200);
        mongo.sourceDb().getCollection("orders").deleteMany(new Document());

        HttpResponse<String> forced = api.post("/syncdb", AUTH, "{\"force\": true}");

        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(json(forced).get("status").asText()).isEqualTo("completed");
        assertThat(json(forced).get("forced").asBoolean()).isTrue();
        assertThat(mongo.targetDb().getCollection("orders").countDocuments()).isZero();
        JsonNode recorded = json(api.send("GET", "/runs/" + json(forced).get("runId").asText(), AUTH));
        assertThat(recorded.get("forced").asBoolean()).isTrue();
        assertThat(json(api.send("POST", "/syncdb?force=true", AUTH)).get("forced").asBoolean()).isTrue();
    }

    @Test
    void aShrinkWithinTheLimitIsCopied() {
        TestApi api = api();
        assertThat(api.send("POST", "/syncdb", AUTH).statusCode()).isEqualTo(200);
        mongo.sourceDb().getCollection("orders").deleteMany(new Document("_id", new Document("$lt", 150L)));

        JsonNode body = json(api.send("POST", "/syncdb", AUTH));

        assertThat(body.get("status").asText()).isEqualTo("completed");
        assertThat(mongo.targetDb().getCollection("orders").countDocuments()).isEqualTo(250);
    }
}

