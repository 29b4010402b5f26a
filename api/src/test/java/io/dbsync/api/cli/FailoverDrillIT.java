package io.dbsync.api.cli;

import static io.dbsync.api.testing.RunResults.json;
import static io.dbsync.api.testing.RunResults.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dbsync.api.MainRunner;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reliability case 26, the runbook as a test (docs/operations.md, "Fail over and fail back"):
 * sync → the app writes to the standby → a scheduled trigger is refused as diverged, the standby
 * untouched → pause → copy the standby onto a fresh primary → byte-equal → reconfigure, resume →
 * the next runs complete, and nothing the app wrote is lost.
 */
class FailoverDrillIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    @Test
    void theFailoverAndFailbackDrillLosesNoData() {
        TestMongo pair = servers.mongoWithChangeStreamsOnBoth();
        assumeTrue(pair.isEmbedded(), "needs a third, fresh server for the new primary");
        TestMongo spare = servers.mongo();
        SourceData.seed(pair.sourceDb(), 100, 400);
        DatabaseUrl database = TestPostgres.freshDatabase();
        TestApi api = servers.api(pair, ApiSetup.defaults().withDatabase(database));
        Map<String, String> env = CliEnv.of(pair.source(), pair.target(), database);

        // 1. Runs as usual.
        assertThat(sync(api, "{}").get("status").asText()).isEqualTo("completed");
        // 2. The primary fails; the app now writes to the standby.
        pair.targetDb().getCollection("orders").insertOne(new Document("_id", 7_000_001L).append("status", "after failover"));
        pair.targetDb().getCollection("orders").updateOne(Filters.eq("_id", 5L), Updates.set("status", "edited on standby"));
        MongoSnapshot standbyWithAppWrites = MongoSnapshot.of(pair.targetDb());
        // 3. The schedule fires: refused, nothing written, health says so.
        JsonNode scheduled = sync(api, "{}");
        assertThat(scheduled.get("status").asText()).isEqualTo("refused");
        assertThat(scheduled.get("refusal").asText()).isEqualTo("standby_diverged");
        assertThat(MongoSnapshot.of(pair.targetDb())).isEqualTo(standbyWithAppWrites);
        assertThat(json(api.send("GET", "/health", null)).get("standby").asText()).isEqualTo("diverged");
        // 4. The operator pauses: every trigger is refused as paused.
        MainRunner.Result paused = MainRunner.run(env, "", "pause", "--reason", "failover to the standby");
        assertThat(paused.exitCode()).as(paused.err()).isZero();
        JsonNode whilePaused = sync(api, "{}");
        assertThat(whilePaused.get("refusal").asText()).isEqualTo("paused");
        assertThat(whilePaused.get("error").asText()).startsWith("paused: failover to the standby, by cli:");
        assertThat(json(api.send("GET", "/health", null)).get("standby").asText()).isEqualTo("paused");
        // 5. Fail back: copy the standby onto a fresh primary.
        Map<String, String> copyEnv = new HashMap<>(env);
        copyEnv.put("STANDBY_URI", pair.target().uri());
        copyEnv.put("NEW_PRIMARY_URI", spare.source().uri());
        MainRunner.Result copied = MainRunner.run(copyEnv, "", "copy", "--from-env", "STANDBY_URI", "--to-env", "NEW_PRIMARY_URI");
        assertThat(copied.exitCode()).as(copied.out() + copied.err()).isZero();
        assertThat(copied.out()).contains("(a failback: the source is a standby dbsync manages)")
                .containsPattern("done orders: 401 documents, [0-9.]+ KB").contains("completed (full)")
                .contains("orders: direct, 401 documents");
        // 6. The new primary holds exactly what the standby holds, the app's writes included.
        assertThat(MongoSnapshot.of(spare.sourceDb())).isEqualTo(standbyWithAppWrites);
        // 7. Reconfigure (the new primary is the source), resume: the next runs complete.
        api.close();
        TestApi failedBack = servers.api(servers.track(TestMongo.reconfigured(spare.source(), pair.target())),
                ApiSetup.defaults().withDatabase(database));
        MainRunner.Result resumed = MainRunner.run(env, "", "resume");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        JsonNode next = sync(failedBack, "{}");
        assertThat(next.get("status").asText()).as(next.toString()).isEqualTo("completed");
        spare.sourceDb().getCollection("orders").insertOne(new Document("_id", 7_000_002L).append("status", "after failback"));
        assertThat(sync(failedBack, "{\"mode\":\"auto\"}").get("status").asText()).isEqualTo("completed");
        assertThat(MongoSnapshot.of(pair.targetDb()).documentsHex()).isEqualTo(MongoSnapshot.of(spare.sourceDb()).documentsHex());
        assertThat(pair.targetDb().getCollection("orders").countDocuments(Filters.eq("status", "edited on standby"))).isEqualTo(1);
        System.out.println("case=failover-drill steps=7 dataLost=0");
    }
}
