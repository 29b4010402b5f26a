package io.dbsync.api.http;

import static io.dbsync.api.testing.RunResults.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.api.sync.plan.StagingNames;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a host that stops work once it has answered (AWS Lambda: {@code SYNC_WITHIN_REQUEST=true}), a run
 * still going when {@code /syncdb}'s wait is over is stopped and answered, never {@code 202}: its
 * staging is dropped, the standby is as it was, and the lock is free for the next trigger.
 */
class WithinRequestIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    @Test
    void aRunOutlastingTheWaitIsStoppedAndAnsweredNever202() {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 1_500, 3_000);
        mongo.targetDb().getCollection("orders").insertOne(new Document("_id", "the standby's own").append("kept", true));
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());
        // no wait at all: every run is still going when the wait is over
        TestApi api = servers.api(mongo, ApiSetup.defaults().withWait(Duration.ZERO).withinRequest());

        List<String> runIds = new ArrayList<>();
        for (int trigger = 0; trigger < 2; trigger++) {
            HttpResponse<String> response = api.send("POST", "/syncdb", TestServers.operator());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
            JsonNode body = json(response);
            assertThat(body.get("status").asText()).isEqualTo("failed");
            assertThat(body.get("error").asText()).contains("did not finish within SYNC_WAIT_SECONDS (0 s)")
                    .contains("SYNC_WITHIN_REQUEST").contains("its staging was dropped");
            runIds.add(body.get("runId").asText());
        }

        // the second trigger was not 409: the stopped run released the lock
        assertThat(runIds).doesNotHaveDuplicates();
        for (String runId : runIds) {
            HttpResponse<String> recorded = api.send("GET", "/runs/" + runId, TestServers.operator());
            assertThat(json(recorded).get("status").asText()).isEqualTo("failed");
        }
        assertThat(mongo.targetDb().listCollectionNames().into(new ArrayList<>()))
                .noneMatch(StagingNames::isStaging);
        MongoSnapshot after = MongoSnapshot.of(mongo.targetDb());
        assertThat(after.documentsHex()).isEqualTo(before.documentsHex());
    }

    @Test
    void aRunThatFinishesWithinTheWaitIsAnsweredAsUsual() {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 20, 40);
        TestApi api = servers.api(mongo, ApiSetup.defaults().withinRequest());

        HttpResponse<String> response = api.send("POST", "/syncdb", TestServers.operator());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("completed");
    }
}
