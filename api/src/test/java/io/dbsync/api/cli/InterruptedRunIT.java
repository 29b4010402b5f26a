package io.dbsync.api.cli;

import static io.dbsync.api.testing.RunResults.sync;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.sync.RunHandle;
import io.dbsync.api.sync.SyncRequest;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.sync.SyncStatus;
import io.dbsync.api.sync.plan.StagingNames;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.RunGate;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator's Ctrl-C in the middle of a copy ({@code SyncService.abort}, what the commands' shutdown
 * hook calls): the run fails as interrupted, its staging is dropped, the destination is as it was,
 * and the lock is free for the next run.
 */
class InterruptedRunIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    @Test
    void anInterruptedCopyLeavesTheDestinationAsItWas() throws Exception {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 200, 2_000);
        DatabaseUrl database = TestPostgres.freshDatabase();
        TestApi first = servers.api(mongo, ApiSetup.defaults().withDatabase(database));
        assertThat(sync(first, "{}").get("status").asText()).isEqualTo("completed");
        first.close();
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());
        SourceData.churnOrders(mongo.sourceDb(), 50_000);
        RunGate gate = new RunGate();
        TestApi held = servers.api(mongo, ApiSetup.defaults().withDatabase(database).withListener(gate));

        RunHandle handle = held.application().syncService().start(SyncRequest.of("cli:operator"));
        gate.awaitReached();
        held.application().syncService().abort();
        SyncResult result = handle.await(Duration.ofSeconds(30)).orElseThrow();

        assertThat(result.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(result.error()).contains("interrupted");
        assertThat(mongo.targetDb().listCollectionNames().into(new java.util.ArrayList<>()))
                .noneMatch(StagingNames::isStaging);
        assertThat(MongoSnapshot.of(mongo.targetDb())).isEqualTo(before);
        TestApi next = servers.api(mongo, ApiSetup.defaults().withDatabase(database));
        assertThat(sync(next, "{}").get("status").asText()).as("the lock was released").isEqualTo("completed");
        System.out.println("case=interrupted-copy status=" + result.status().json() + " stagingLeft=0 destinationChanged=0");
    }
}
