package io.dbsync.api.reliability;

import static io.dbsync.api.reliability.NetworkFaults.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.sync.SyncStatus;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reliability case 1: the API reaches both MongoDB servers through netcrusher TCP proxies; the
 * source connection is cut at about half of the bytes a run reads.
 */
class SourceCutIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    // ---------------------------------------------------------------------------------------------
    // Case 1: the source connection is cut at about half of the bytes a run reads.
    // ---------------------------------------------------------------------------------------------

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void cuttingTheSourceAtHalfOfTheBytesFailsTheRunAndLeavesTheStandbyAsItWas() throws Exception {
        TestMongo mongo = faultableMongo(servers);
        SourceData.seed(mongo.sourceDb(), 500, 500);
        SyncSettings settings = TestApi.testSettings().withMongoTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), 1);
        NetworkFaultApi api = api(servers, mongo, settings, ProgressListener.NONE);
        SyncResult g1Run = api.syncAndAwait(Duration.ofSeconds(60));
        assertThat(g1Run.status()).as(g1Run.error()).isEqualTo(SyncStatus.COMPLETED);
        MongoSnapshot g1 = standby(mongo.targetDb());
        addOrders(mongo.sourceDb(), 1_000_000, 20_000);
        long sourceBytes = 0;
        for (String name : mongo.sourceDb().listCollectionNames()) {
            sourceBytes += mongo.sourceDb().runCommand(new Document("collStats", name)).get("size", Number.class).longValue();
        }
        ByteThreshold cutter = new ByteThreshold(api.sourceProxy(), sourceBytes / 2, true);
        api.sourceProxy().watch(cutter);
        cutter.arm();

        SyncResult run = api.syncAndAwait(Duration.ofSeconds(120));

        MongoSnapshot standbyAfter = standby(mongo.targetDb());
        List<String> stagingLeft = stagingOn(mongo.targetDb());
        long docsLost = g1.documentCount() - standbyAfter.documentCount();
        System.out.println("case=source-cut-proxy cutAtBytes=" + cutter.bytesAtThreshold() + " sourceBytes=" + sourceBytes
                + " cutAtPercent=" + Math.round(cutter.bytesAtThreshold() * 100.0 / sourceBytes) + " status=" + run.status().json()
                + " docsLost=" + docsLost + " stagingLeft=" + stagingLeft.size() + " standbyUntouched=" + standbyAfter.equals(g1)
                + " error=\"" + run.error() + "\"");
        assertThat(cutter.bytesAtThreshold()).as("the cut happened").isPositive();
        assertThat(run.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(run.error()).containsAnyOf("copy of collection", "MongoDB error");
        assertThat(standbyAfter).as("the standby, every collection byte for byte").isEqualTo(g1);
        assertThat(stagingLeft).as("staging left on the reachable target").isEmpty();
    }
}
