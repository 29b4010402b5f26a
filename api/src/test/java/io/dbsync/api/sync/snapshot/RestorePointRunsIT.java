package io.dbsync.api.sync.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.api.config.SnapshotConfig;
import io.dbsync.api.config.StandbyLimits;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MetricsText;
import io.dbsync.api.testing.RunResults;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore points written by runs through the real API, into a directory store: a full run writes
 * one from the documents it copies, a delta run from the standby once it converged, and a run that
 * is not due, narrowed to some collections, or that does not complete writes none. Each written
 * one is read back with its checks and compared with the source, document bytes and indexes.
 */
class RestorePointRunsIT {
    @RegisterExtension
    final TestServers servers = new TestServers();
    @TempDir
    Path directory;

    private TestApi api(TestMongo mongo, String every, SyncPolicy policy) {
        Map<String, String> env = new HashMap<>();
        env.put("SNAPSHOT_URI", directory.toUri().toString());
        env.put("SNAPSHOT_EVERY", every);
        return servers.api(mongo, ApiSetup.defaults().withPolicy(policy).withSnapshots(SnapshotConfig.fromEnv(env)));
    }

    private RestorePoints restorePoints() {
        return new RestorePoints(new FileSnapshotStore(directory), Clock.systemUTC());
    }

    @Test
    void aFullRunWritesARestorePointFromTheDocumentsItCopiesWithoutReadingAnythingTwice() throws IOException {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 300, 600);
        TestApi api = api(mongo, "0", SyncPolicy.defaults());

        JsonNode result = RunResults.sync(api, "{\"mode\":\"full\"}");

        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("completed");
        JsonNode snapshot = result.get("snapshot");
        assertThat(snapshot.get("status").asText()).as(snapshot.toString()).isEqualTo("written");
        RestorePointContents contents = RestorePointContents.read(restorePoints(), snapshot.get("id").asText());
        RestorePointContents source = RestorePointContents.of(mongo.sourceDb());
        assertThat(contents.documentsHex()).isEqualTo(source.documentsHex());
        assertThat(contents.indexes()).isEqualTo(source.indexes());
        assertThat(contents.options()).isEqualTo(source.options());
        assertThat(snapshot.get("documents").asLong()).isEqualTo(source.documentCount()).isEqualTo(contents.documentCount());
        JsonNode phase = phase(result, "restore_point");
        assertThat(phase.get("sourceOperations").asLong()).as("nothing read from the source after the copies").isZero();
        assertThat(result.get("traffic").get("sourceBytesRead").asLong()).as("the source was read once")
                .isEqualTo(result.get("bytes").asLong());
        assertThat(MetricsText.value(metrics(api), "dbsync_restore_points_total{status=\"written\"}")).isEqualTo(1);
        System.out.printf("case=restore-point-full documents=%d archiveBytes=%d seconds=%.3f runMs=%d restorePointPhaseMs=%d"
                        + " sourceOpsAfterCopy=%d%n", snapshot.get("documents").asLong(), snapshot.get("bytes").asLong(),
                snapshot.get("seconds").asDouble(), result.get("durationMs").asLong(), phase.get("ms").asLong(),
                phase.get("sourceOperations").asLong());
    }

    @Test
    void aDeltaRunWritesItsRestorePointFromTheConvergedStandbyNotTheSource() throws IOException {
        TestMongo mongo = servers.mongoWithChangeStreams();
        SourceData.seed(mongo.sourceDb(), 300, 600);
        TestApi api = api(mongo, "0", SyncPolicy.defaults());
        assertThat(RunResults.sync(api, "{\"mode\":\"auto\"}").get("snapshot").get("status").asText()).isEqualTo("written");
        SourceData.churnOrders(mongo.sourceDb());

        JsonNode delta = RunResults.sync(api, "{\"mode\":\"auto\"}");

        assertThat(delta.get("mode").asText()).as(delta.toString()).isEqualTo("delta");
        JsonNode snapshot = delta.get("snapshot");
        assertThat(snapshot.get("status").asText()).as(snapshot.toString()).isEqualTo("written");
        RestorePointContents contents = RestorePointContents.read(restorePoints(), snapshot.get("id").asText());
        RestorePointContents source = RestorePointContents.of(mongo.sourceDb());
        assertThat(contents.documentsHex()).isEqualTo(source.documentsHex());
        assertThat(contents.indexes()).isEqualTo(source.indexes());
        JsonNode phase = phase(delta, "restore_point");
        assertThat(phase.get("sourceOperations").asLong()).as("the primary is spared").isZero();
        assertThat(phase.get("standbyOperations").asLong()).isPositive();
        assertThat(delta.get("traffic").get("standbyBytesRead").asLong()).isGreaterThanOrEqualTo(
                source.documentsHex().values().stream().flatMap(java.util.List::stream).mapToLong(hex -> hex.length() / 2).sum());
        assertThat(restorePoints().list().complete()).hasSize(2);
        System.out.printf("case=restore-point-delta documents=%d archiveBytes=%d seconds=%.3f standbyOps=%d sourceOps=%d%n",
                snapshot.get("documents").asLong(), snapshot.get("bytes").asLong(), snapshot.get("seconds").asDouble(),
                phase.get("standbyOperations").asLong(), phase.get("sourceOperations").asLong());
    }

    @Test
    void aRunWritesNoneWhenNotDueOrNarrowedAndTheNewestIsNeverDeleted() throws IOException {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 50, 100);
        TestApi api = api(mongo, "24h", SyncPolicy.defaults());
        String first = RunResults.sync(api, "{}").get("snapshot").get("id").asText();

        JsonNode notDue = RunResults.sync(api, "{}").get("snapshot");
        JsonNode narrowed = RunResults.sync(api, "{\"include\":[\"orders\"]}").get("snapshot");

        assertThat(notDue.get("status").asText()).isEqualTo("skipped");
        assertThat(notDue.get("reason").asText()).startsWith("not due").contains("PT24H");
        assertThat(narrowed.get("status").asText()).isEqualTo("skipped");
        assertThat(narrowed.get("reason").asText()).contains("some collections");
        assertThat(restorePoints().list().complete()).extracting(RestorePoint::id).containsExactly(first);
        assertThat(MetricsText.value(metrics(api), "dbsync_restore_points_total{status=\"skipped\"}")).isEqualTo(2);
    }

    @Test
    void aRunThatDoesNotCompleteLeavesNothingInTheStore() throws IOException {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 300, 600);
        // A standby limit the copy cannot fit: refused after the restore point began, before any write.
        StandbyLimits tiny = new StandbyLimits("m0", OptionalLong.of(1024), OptionalInt.empty(), 95, OptionalInt.of(38),
                OptionalLong.empty());
        TestApi api = api(mongo, "0", SyncPolicy.defaults().withLimits(tiny));

        JsonNode refused = RunResults.sync(api, "{}");

        assertThat(refused.get("status").asText()).as(refused.toString()).isEqualTo("refused");
        assertThat(refused.get("snapshot").get("status").asText()).isEqualTo("skipped");
        assertThat(refused.get("snapshot").get("reason").asText()).contains("did not complete");
        assertThat(restorePoints().list()).isEqualTo(new RestorePointCatalog(java.util.List.of(), java.util.List.of(),
                java.util.List.of()));
        try (Stream<Path> files = Files.walk(directory)) {
            assertThat(files.filter(Files::isRegularFile)).as("no archive left behind").isEmpty();
        }
    }

    private static String metrics(TestApi api) {
        return api.send("GET", "/metrics", null).body();
    }

    private static JsonNode phase(JsonNode result, String name) {
        for (JsonNode phase : result.get("phases")) {
            if (phase.get("name").asText().equals(name)) {
                return phase;
            }
        }
        throw new AssertionError("no phase " + name + " in " + result.get("phases"));
    }
}
