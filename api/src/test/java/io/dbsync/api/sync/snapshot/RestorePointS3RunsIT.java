package io.dbsync.api.sync.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import io.dbsync.api.MainRunner;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.SnapshotConfig;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.RunResults;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Restore points written by runs into S3 (S3Mock, a real S3-compatible server in its own process)
 * through the configuration an operator sets: {@code SNAPSHOT_URI=s3://…}, the endpoint, the region,
 * credentials from the SDK's default chain. Reliability case 29, the run's half: the connection is
 * cut mid-upload, the run still completes and says its restore point failed, and nothing is listed.
 */
@ExtendWith(S3MockExtension.class)
class RestorePointS3RunsIT {
    /** About 10 MB of documents: with 5 MiB parts and no compression the archive takes two. */
    private static final int DOCUMENTS = 10_000;
    private static final int PAYLOAD_BYTES = 1_000;
    private static final int PART = S3Options.MIN_PART_BYTES;

    @RegisterExtension
    final TestServers servers = new TestServers();
    S3Client s3;
    CuttingProxy proxy;
    String bucket;

    @BeforeAll
    static void credentials() {
        // The default chain's first source; S3Mock accepts any credentials.
        System.setProperty("aws.accessKeyId", "test-access-key");
        System.setProperty("aws.secretAccessKey", "test-secret-key");
    }

    @AfterAll
    static void forgetCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void start(S3MockServer server, TestInfo test) throws IOException {
        s3 = server.client();
        bucket = ("runs-" + test.getTestMethod().orElseThrow().getName().toLowerCase()).substring(0, 30);
        s3.createBucket(request -> request.bucket(bucket));
        proxy = new CuttingProxy(server.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        s3.close();
    }

    private TestApi api(TestMongo mongo) {
        SnapshotConfig snapshots = SnapshotConfig.fromEnv(Map.of("SNAPSHOT_URI", "s3://" + bucket + "/restore-points",
                "SNAPSHOT_EVERY", "0", "SNAPSHOT_S3_ENDPOINT", proxy.endpoint().toString(), "SNAPSHOT_S3_REGION",
                S3MockServer.REGION, "SNAPSHOT_COMPRESSION", "none", "SNAPSHOT_S3_PART_MB", "5"));
        return servers.api(mongo, ApiSetup.defaults().withSnapshots(snapshots));
    }

    private RestorePoints restorePoints(S3MockServer server) {
        return new RestorePoints(S3MockServer.store(server.endpoint(), new SnapshotUri.S3(bucket, "restore-points"), PART),
                Clock.systemUTC());
    }

    @Test
    void aFullRunStreamsItsRestorePointToS3InParts(S3MockServer server) throws IOException {
        TestMongo mongo = servers.mongo();
        seed(mongo);

        JsonNode result = RunResults.sync(api(mongo), "{}");

        JsonNode snapshot = result.get("snapshot");
        assertThat(snapshot.get("status").asText()).as(result.toString()).isEqualTo("written");
        assertThat(snapshot.get("bytes").asLong()).as("more than one part").isGreaterThan(PART);
        RestorePointContents contents = RestorePointContents.read(restorePoints(server), snapshot.get("id").asText());
        RestorePointContents source = RestorePointContents.of(mongo.sourceDb());
        assertThat(contents.documentsHex()).isEqualTo(source.documentsHex());
        assertThat(contents.indexes()).isEqualTo(source.indexes());
        System.out.printf("case=restore-point-s3 documents=%d archiveBytes=%d seconds=%.3f runMs=%d%n",
                snapshot.get("documents").asLong(), snapshot.get("bytes").asLong(), snapshot.get("seconds").asDouble(),
                result.get("durationMs").asLong());
    }

    @Test
    void restorePointsFromAFullAndADeltaRunComeBackFromS3ByteForByte() {
        TestMongo mongo = servers.mongoWithChangeStreams();
        seed(mongo);
        SourceData.seed(mongo.sourceDb(), 60, 250);
        TestApi api = api(mongo);
        assertThat(RunResults.sync(api, "{\"mode\":\"auto\"}").get("snapshot").get("status").asText()).isEqualTo("written");
        MongoSnapshot afterFull = MongoSnapshot.of(mongo.sourceDb());
        Map<String, String> env = cliEnv(mongo);

        MainRunner.Result fromFull = MainRunner.run(env, "", "restore", "latest", "--to-env", "SCRATCH");
        SourceData.churnOrders(mongo.sourceDb());
        JsonNode delta = RunResults.sync(api, "{\"mode\":\"auto\"}");
        env.put("SCRATCH", mongo.targetServerUri("scratch_delta"));
        MainRunner.Result fromDelta = MainRunner.run(env, "", "restore", "latest", "--to-env", "SCRATCH");

        assertThat(fromFull.exitCode()).as(fromFull.err() + fromFull.out()).isZero();
        assertThat(MongoSnapshot.of(mongo.targetServerDb("scratch"))).isEqualTo(afterFull);
        assertThat(delta.get("mode").asText()).isEqualTo("delta");
        assertThat(delta.get("snapshot").get("status").asText()).isEqualTo("written");
        assertThat(fromDelta.exitCode()).as(fromDelta.err() + fromDelta.out()).isZero();
        assertThat(MongoSnapshot.of(mongo.targetServerDb("scratch_delta"))).isEqualTo(MongoSnapshot.of(mongo.sourceDb()));
        System.out.println("case=restore-s3-round-trip full=\"" + line(fromFull) + "\" delta=\"" + line(fromDelta) + "\"");
    }

    private Map<String, String> cliEnv(TestMongo mongo) {
        DatabaseUrl database = TestPostgres.freshDatabase();
        String hostAndDb = database.jdbcUrl().substring("jdbc:postgresql://".length()).replaceFirst("\\?.*$", "");
        Map<String, String> env = new HashMap<>(Map.of("SNAPSHOT_URI", "s3://" + bucket + "/restore-points",
                "SNAPSHOT_S3_ENDPOINT", proxy.endpoint().toString(), "SNAPSHOT_S3_REGION", S3MockServer.REGION,
                "DATABASE_URL", "postgres://" + database.username() + ":" + database.password() + "@" + hostAndDb,
                "SCRATCH", mongo.targetServerUri("scratch")));
        return env;
    }

    private static String line(MainRunner.Result result) {
        return result.out().lines().filter(text -> text.startsWith("restore ")).findFirst().orElse("");
    }

    @Test
    void aCutMidUploadFailsTheRestorePointButNotTheRunAndNothingIsListed(S3MockServer server) throws Exception {
        TestMongo mongo = servers.mongo();
        seed(mongo);
        TestApi api = api(mongo);
        proxy.cutAfter(PART + PART / 2);

        JsonNode result = RunResults.sync(api, "{}");

        long cutAt = proxy.whenCut().get(30, TimeUnit.SECONDS);
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("completed");
        JsonNode snapshot = result.get("snapshot");
        assertThat(snapshot.get("status").asText()).isEqualTo("failed");
        assertThat(snapshot.get("reason").asText()).contains("could not send part");
        RunResults.assertStandbyEqualsSource(mongo);
        proxy.restore();
        RestorePointCatalog catalog = restorePoints(server).list();
        assertThat(catalog.complete()).isEmpty();
        assertThat(catalog.damaged()).isEmpty();
        System.out.printf("case=s3-cut-during-run cutAtBytes=%d runStatus=%s snapshotStatus=%s listed=%d reason=\"%s\"%n", cutAt,
                result.get("status").asText(), snapshot.get("status").asText(), catalog.complete().size(),
                snapshot.get("reason").asText());
    }

    private static void seed(TestMongo mongo) {
        MongoCollection<Document> blobs = mongo.sourceDb().getCollection("blobs");
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            byte[] payload = new byte[PAYLOAD_BYTES];
            new java.util.Random(i).nextBytes(payload); // incompressible, and the same on every run
            batch.add(new Document("_id", i).append("payload", new Binary(payload)));
            if (batch.size() == 1000) {
                blobs.insertMany(batch);
                batch.clear();
            }
        }
        mongo.sourceDb().getCollection("notes").insertOne(new Document("_id", "n1").append("text", "a small one"));
    }
}
