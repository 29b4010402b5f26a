package io.dbsync.api.sync.guard;

import static io.dbsync.api.testing.RunResults.sync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Updates;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.SyncMode;
import io.dbsync.api.sync.RunHandle;
import io.dbsync.api.sync.SyncRequest;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.sync.SyncStatus;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.RunGate;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import java.time.Duration;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run stopped after it wrote in place (a delta stopped at the end of the wait on Lambda, or by
 * Ctrl-C) still takes the standby's mark on its way out: the next run must not take the stopped run's
 * own writes for someone else's and refuse the standby as diverged. Here the stop reaches the run
 * thread while it waits for its workers; when it arrives inside a driver call instead, the driver leaves
 * the thread interrupted, and the mark sets the flag aside as the staging drop does.
 */
class StoppedRunMarkIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    @Test
    void aDeltaStoppedAfterItsFirstWriteLeavesAMarkSoTheNextRunCompletes() throws Exception {
        TestMongo mongo = servers.mongoWithChangeStreamsOnBoth();
        SourceData.seed(mongo.sourceDb(), 200, 2_000);
        DatabaseUrl database = TestPostgres.freshDatabase();
        TestApi first = servers.api(mongo, ApiSetup.defaults().withDatabase(database));
        assertThat(sync(first, "{\"mode\":\"auto\"}").get("status").asText()).isEqualTo("completed");
        first.close();
        RunGate held = new RunGate();
        TestApi stoppable = servers.api(mongo, ApiSetup.defaults().withDatabase(database).withListener(held));
        mongo.sourceDb().getCollection("orders").updateMany(new Document(), Updates.set("note", "changed after run 1"));

        RunHandle handle = stoppable.application().syncService().start(new SyncRequest("operator", false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(SyncMode.DELTA)));
        held.awaitReached();
        handle.stop("stopped by the test");
        held.open();
        SyncResult stopped = handle.await(Duration.ofSeconds(60)).orElseThrow();

        assertThat(stopped.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(stopped.error()).startsWith("stopped by the test");
        assertThat(MongoSnapshot.of(mongo.targetDb())).as("the stopped delta wrote in place")
                .isNotEqualTo(MongoSnapshot.of(mongo.sourceDb()));
        JsonNode next = sync(stoppable, "{\"mode\":\"auto\"}");
        System.out.println("case=stopped-run-mark stopped=\"" + stopped.error() + "\" next=" + next.get("status").asText()
                + " detector=" + next.path("divergence").path("detector").asText());
        assertThat(next.get("status").asText()).as(next.toString()).isEqualTo("completed");
        assertThat(next.get("divergence").get("diverged").asBoolean()).isFalse();
        assertThat(MongoSnapshot.of(mongo.targetDb()).documentsHex()).isEqualTo(MongoSnapshot.of(mongo.sourceDb()).documentsHex());
    }
}
