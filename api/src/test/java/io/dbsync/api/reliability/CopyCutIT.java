package io.dbsync.api.reliability;

import static io.dbsync.api.reliability.NetworkFaults.addOrders;
import static io.dbsync.api.reliability.NetworkFaults.faultableMongo;
import static io.dbsync.api.reliability.NetworkFaults.stagingOn;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.MainRunner;
import io.dbsync.api.cli.CliEnv;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.netcrusher.core.reactor.NioReactor;

/**
 * Issue 13's fault for {@code dbsync copy} (the failback and the way to seed a new standby): its source
 * is cut at about half of the bytes the copy reads. The command fails with exit code 1 and the
 * destination is as it was before — its staging dropped, its own collections untouched.
 */
class CopyCutIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aCopyWhoseSourceIsCutLeavesTheDestinationAsItWas() throws Exception {
        TestMongo mongo = faultableMongo(servers);
        SourceData.seed(mongo.sourceDb(), 500, 500);
        addOrders(mongo.sourceDb(), 1_000_000, 20_000);
        mongo.targetDb().getCollection("orders").insertOne(new Document("_id", "the destination's own order"));
        mongo.targetDb().getCollection("kept").insertOne(new Document("_id", 1).append("only", "on the destination"));
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());
        long sourceBytes = 0;
        for (String name : mongo.sourceDb().listCollectionNames()) {
            sourceBytes += mongo.sourceDb().runCommand(new Document("collStats", name)).get("size", Number.class).longValue();
        }
        NioReactor reactor = new NioReactor();
        try (NetworkFaultProxy proxy = NetworkFaultProxy.open("copy-source", reactor,
                NetworkFaultApi.address(mongo.source().uri()))) {
            ByteThreshold cutter = new ByteThreshold(proxy, sourceBytes / 2, true);
            proxy.watch(cutter);
            cutter.arm();
            Map<String, String> env = new HashMap<>();
            env.put("FROM", proxy.endpoint(mongo.source().database()).uri());
            env.put("TO", mongo.target().uri());
            env.put("DATABASE_URL", CliEnv.herokuStyle(TestPostgres.freshDatabase()));
            env.put("SYNC_MONGO_TIMEOUT_SECONDS", "2");
            env.put("SYNC_MONGO_READ_TIMEOUT_SECONDS", "3");
            env.put("SYNC_MAX_CURSOR_RESUMES", "1");
            env.put("SYNC_BATCH_DOCUMENTS", "500");

            MainRunner.Result copy = MainRunner.run(env, "", "copy", "--from-env", "FROM", "--to-env", "TO");

            System.out.println("case=copy-source-cut cutAtBytes=" + cutter.bytesAtThreshold() + " sourceBytes=" + sourceBytes
                    + " exitCode=" + copy.exitCode() + " stagingLeft=" + stagingOn(mongo.targetDb()).size()
                    + " destinationChanged=" + !MongoSnapshot.of(mongo.targetDb()).equals(before));
            assertThat(cutter.bytesAtThreshold()).as("the cut happened").isPositive();
            assertThat(copy.exitCode()).as(copy.out() + copy.err()).isEqualTo(1);
            assertThat(copy.out()).contains("failed (full)").contains("error: ");
            assertThat(copy.out() + copy.err()).doesNotContain("Exception\n\tat ");
            assertThat(stagingOn(mongo.targetDb())).as("staging left on the destination").isEmpty();
            assertThat(MongoSnapshot.of(mongo.targetDb())).as("the destination, byte for byte").isEqualTo(before);
        } finally {
            reactor.close();
        }
    }
}
