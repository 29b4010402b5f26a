package io.dbsync.api.reliability;

import static io.dbsync.api.reliability.NetworkFaults.api;
import static io.dbsync.api.reliability.NetworkFaults.faultableMongo;
import static io.dbsync.api.reliability.NetworkFaults.standby;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.sync.SyncStatus;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13's fault for the divergence check itself: a standby that does not answer when the next run
 * looks for foreign writes is never read as "no divergence". The run fails, naming the error, having
 * concluded nothing about divergence; once the standby answers again, a foreign write made meanwhile
 * is still caught.
 */
class UnreachableStandbyIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aStandbyThatDoesNotAnswerTheGuardFailsTheRunAndHidesNoForeignWrite() throws Exception {
        TestMongo mongo = faultableMongo(servers);
        SourceData.seed(mongo.sourceDb(), 50, 100);
        NetworkFaultApi api = api(servers, mongo,
                TestApi.testSettings().withMongoTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), 1), ProgressListener.NONE);
        assertThat(api.syncAndAwait(Duration.ofSeconds(60)).status()).isEqualTo(SyncStatus.COMPLETED);
        // the app writes to the standby behind dbsync's back, then the standby stops answering
        mongo.targetDb().getCollection("orders").insertOne(new Document("_id", "written by the app"));
        MongoSnapshot withTheAppsWrite = standby(mongo.targetDb());
        api.targetProxy().freeze();

        SyncResult blind = api.syncAndAwait(Duration.ofSeconds(60));

        api.targetProxy().unfreeze();
        System.out.println("case=guard-standby-unreachable status=" + blind.status().json() + " divergence="
                + blind.divergence() + " error=\"" + blind.error() + "\"");
        assertThat(blind.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(blind.divergence()).as("no conclusion about divergence").isNull();
        String standbyPort = api.targetProxy().endpoint("x").uri().replaceAll(".*:(\\d+)/.*", "$1");
        assertThat(blind.error()).as("names the server that did not answer").contains(":" + standbyPort + ")");
        assertThat(standby(mongo.targetDb())).as("nothing written").isEqualTo(withTheAppsWrite);

        SyncResult next = api.syncAndAwait(Duration.ofSeconds(60));
        assertThat(next.status()).as(next.error()).isEqualTo(SyncStatus.REFUSED);
        assertThat(next.error()).contains("orders");
        assertThat(standby(mongo.targetDb())).as("the app's write kept").isEqualTo(withTheAppsWrite);
    }
}
