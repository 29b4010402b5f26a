package io.dbsync.api.sync.guard;

import static io.dbsync.api.testing.RunResults.sync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.api.store.PostgresStandbyMarks;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.RunResults;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import io.dbsync.api.config.DatabaseUrl;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reliability case 25, the other half: dbsync's own writes are never taken for foreign ones — 20
 * consecutive runs with source churn between them, in full, delta and auto modes, never refuse;
 * and a detector that fails is never read as "no divergence".
 */
class OwnWritesIT {
    private static final int RUNS = 20;

    @RegisterExtension
    final TestServers servers = new TestServers();

    @ParameterizedTest(name = "{0} mode, standby with change streams: {1}")
    @CsvSource({"full, true", "delta, true", "auto, true", "auto, false", "full, false"})
    void twentyRunsWithSourceChurnNeverRefuse(String mode, boolean standbyStreams) {
        TestMongo mongo = standbyStreams ? servers.mongoWithChangeStreamsOnBoth() : servers.mongo();
        SourceData.seed(mongo.sourceDb(), 50, 300);
        TestApi api = servers.api(mongo);
        Map<String, Integer> detectors = new HashMap<>();
        int refused = 0;
        for (int run = 0; run < RUNS; run++) {
            JsonNode result = sync(api, "{\"mode\":\"" + mode + "\"}");
            if (!result.get("status").asText().equals("completed")) {
                refused++;
                System.out.println("case=own-writes unexpected=" + result);
            }
            detectors.merge(result.get("divergence").get("detector").asText(), 1, Integer::sum);
            if (run < RUNS - 1) {
                SourceData.churnOrders(mongo.sourceDb(), 20_000L + run * 100L);
            }
        }
        System.out.println("case=own-writes mode=" + mode + " standbyStreams=" + standbyStreams + " runs=" + RUNS
                + " falseDivergence=" + refused + " detectors=" + detectors);
        assertThat(refused).isZero();
        assertThat(detectors).containsKey(standbyStreams ? "stream" : "counts");
        RunResults.assertStandbyEqualsSource(mongo);
    }

    @Test
    void aStreamPositionTheStandbyNoLongerHasFallsBackToCountsAndSaysSo() {
        TestMongo mongo = servers.mongoWithChangeStreamsOnBoth();
        SourceData.seed(mongo.sourceDb(), 50, 300);
        DatabaseUrl database = TestPostgres.freshDatabase();
        TestApi api = servers.api(mongo, ApiSetup.defaults().withDatabase(database));
        assertThat(sync(api, "{}").get("status").asText()).isEqualTo("completed");
        try (Postgres postgres = Postgres.open(database, 2)) {
            postgres.jdbi().useHandle(handle -> handle.execute("UPDATE standby_marks SET mark = jsonb_set(mark, "
                    + "'{collections,2,position}', '\"{\\\"resumeAfter\\\": {\\\"_data\\\": \\\"lost-history\\\"}}\"')"));
            assertThat(new PostgresStandbyMarks(postgres.jdbi(), mongo.target().identity()).find()).isPresent();
        }
        mongo.targetDb().getCollection("orders").deleteOne(new org.bson.Document("_id", 3L));

        JsonNode refused = sync(api, "{}");

        assertThat(refused.get("status").asText()).isEqualTo("refused");
        assertThat(refused.get("divergence").get("detector").asText()).isEqualTo("counts");
        assertThat(refused.get("divergence").get("note").asText()).contains("could not replay").contains("fell back to counts");
    }
}
