package io.dbsync.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.RunResults;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Round trips are a budget (every command to a far-away free cluster costs a round trip and counts
 * against its 100 operations a second): the commands a run sends, per phase and per server, for
 * the benchmark's small database — 2,000 documents in 5 collections — copied in full, then brought
 * up to date while unchanged, the most common scheduled run. The counts are exact, not timings.
 */
class RoundTripBudgetIT {
    private static final int COLLECTIONS = 5;
    private static final int DOCUMENTS_EACH = 400;

    @RegisterExtension
    final TestServers servers = new TestServers();

    @Test
    void anUnchangedDatabaseCostsAFewSmallReadsPerCollectionAndTheStandbyIsListedOnce() {
        TestMongo mongo = servers.mongoWithChangeStreamsOnBoth();
        for (int c = 0; c < COLLECTIONS; c++) {
            MongoCollection<Document> collection = mongo.sourceDb().getCollection("c" + c);
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS_EACH; i++) {
                documents.add(new Document("_id", i).append("payload", "x".repeat(900)));
            }
            collection.insertMany(documents);
        }
        TestApi api = servers.api(mongo, ApiSetup.defaults().withSettings(io.dbsync.api.config.SyncSettings.defaults()));

        JsonNode full = RunResults.sync(api, "{\"mode\":\"auto\"}");
        JsonNode unchanged = RunResults.sync(api, "{\"mode\":\"auto\"}");

        assertThat(full.get("status").asText()).as(full.toString()).isEqualTo("completed");
        assertThat(unchanged.get("mode").asText()).as(unchanged.toString()).isEqualTo("delta");
        print("full", full);
        print("unchanged-delta", unchanged);
        // The standby is read once before any write: choosing methods and finding collections missing
        // on the source cost nothing more.
        assertThat(phaseOperations(unchanged, "tasks")).isZero();
        assertThat(phaseOperations(unchanged, "views")).isZero();
        // Each collection's delta: its indexes listed once per side, its stream read, both counts.
        assertThat(phaseOperations(unchanged, "write")).as("per collection").isLessThanOrEqualTo(8L * COLLECTIONS);
        // The test server hands out no stream position up front and has no database-level stream, so
        // the guard and the mark read one stream per collection here; a replica set needs one in all.
        assertThat(operations(unchanged)).as("an unchanged delta's commands, both servers")
                .isLessThanOrEqualTo(8L + 20L * COLLECTIONS);
        assertThat(operations(full)).as("a full run's commands, both servers").isLessThanOrEqualTo(10L + 21L * COLLECTIONS);
    }

    private static long phaseOperations(JsonNode result, String name) {
        for (JsonNode phase : result.get("phases")) {
            if (phase.get("name").asText().equals(name)) {
                return phase.get("sourceOperations").asLong() + phase.get("standbyOperations").asLong();
            }
        }
        throw new AssertionError("no phase " + name + " in " + result.get("phases"));
    }

    private static long operations(JsonNode result) {
        return result.get("traffic").get("sourceOperations").asLong() + result.get("traffic").get("standbyOperations").asLong();
    }

    private static void print(String name, JsonNode result) {
        StringBuilder phases = new StringBuilder();
        for (JsonNode phase : result.get("phases")) {
            phases.append(' ').append(phase.get("name").asText()).append('=').append(phase.get("ms").asLong()).append("ms/")
                    .append(phase.get("sourceOperations").asLong()).append('+').append(phase.get("standbyOperations").asLong());
        }
        System.out.printf("case=round-trips run=%s ms=%d sourceOps=%d standbyOps=%d phases:%s%n", name,
                result.get("durationMs").asLong(), result.get("traffic").get("sourceOperations").asLong(),
                result.get("traffic").get("standbyOperations").asLong(), phases);
    }
}
