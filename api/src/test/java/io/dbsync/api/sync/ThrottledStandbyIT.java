package io.dbsync.api.sync;

import static io.dbsync.api.testing.RunResults.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.api.config.StandbyLimits;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import io.dbsync.testkit.atlas.AtlasBackend;
import io.dbsync.testkit.atlas.AtlasProfile;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A standby throttled like Atlas M0 (100 operations a second, excess queued, never failed): runs
 * complete without timeouts, with the engine's default batch sizes keeping the operation count low;
 * the run's own count of operations matches what the server counted.
 */
class ThrottledStandbyIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    @ParameterizedTest(name = "{0} customers and {1} orders")
    @CsvSource({"2000, 10000", "5000, 45000"})
    void aDatabaseCopiesUnderTheOperationsBudgetWithoutTimeouts(int customers, int orders) {
        AtlasBackend standby = AtlasProfile.m0().withQuotaMegabytes(256).withOpsPerSecond(100).newBackend();
        TestMongo mongo = servers.track(TestMongo.withAtlasStandby(standby));
        SourceData.seed(mongo.sourceDb(), customers, orders);
        SyncSettings settings = SyncSettings.defaults().withMongoTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), 1);
        TestApi api = servers.api(mongo, ApiSetup.defaults().withSettings(settings).withWait(Duration.ofMinutes(3))
                .withPolicy(SyncPolicy.defaults().withLimits(StandbyLimits.atlas("m0"))));
        long serverBefore = standby.operations().operations();

        JsonNode full = json(api.post("/syncdb", TestServers.operator(), "{\"mode\":\"auto\"}"));
        long serverFull = standby.operations().operations() - serverBefore;
        JsonNode unchanged = json(api.post("/syncdb", TestServers.operator(), "{\"mode\":\"auto\"}"));

        assertThat(full.get("status").asText()).as(full.toString()).isEqualTo("completed");
        assertThat(unchanged.get("status").asText()).as(unchanged.toString()).isEqualTo("completed");
        long documents = full.get("documents").asLong();
        long standbyOperations = full.get("traffic").get("standbyOperations").asLong();
        // The run also counts what the server leaves out of its budget (handshakes, pings).
        assertThat(standbyOperations).as("the run counts what it sends").isBetween(serverFull - 5, serverFull + 5);
        assertThat(full.get("traffic").get("standbyBytesWritten").asLong()).isEqualTo(full.get("bytes").asLong());
        assertThat(MongoSnapshot.of(mongo.targetDb()).documentsHex()).isEqualTo(MongoSnapshot.of(mongo.sourceDb()).documentsHex());
        double perThousand = standbyOperations * 1000.0 / documents;
        System.out.println(String.format(Locale.ROOT, "case=throttled-standby documents=%d fullSeconds=%.1f standbyOperations=%d"
                        + " operationsPer1000Documents=%.1f unchangedDeltaSeconds=%.1f unchangedDeltaStandbyOperations=%d"
                        + " delayedOperations=%d", documents, full.get("durationMs").asLong() / 1000.0, standbyOperations,
                perThousand, unchanged.get("durationMs").asLong() / 1000.0,
                unchanged.get("traffic").get("standbyOperations").asLong(), standby.operations().delayedOperations()));
        assertThat(perThousand).as("operations per 1,000 documents").isLessThan(20);
    }
}
