package io.dbsync.api.sync.guard;

import static io.dbsync.api.testing.RunResults.collection;
import static io.dbsync.api.testing.RunResults.json;
import static io.dbsync.api.testing.RunResults.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.api.testing.MetricsText;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reliability case 25: after a completed run the app writes to the standby (insert, update,
 * delete, drop, create); the next run, in any mode, is refused as diverged, writes nothing, says
 * what changed and which detector saw it; {@code force=true} overwrites, and says so.
 */
class DivergenceGuardIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    /** A standby with change streams (exact), or without: a fingerprint with digest verification, else counts. */
    enum Standby {
        STREAM("stream", "count"), FINGERPRINT("fingerprint", "digest"), COUNTS("counts", "count");

        final String detector;
        final String verify;

        Standby(String detector, String verify) {
            this.detector = detector;
            this.verify = verify;
        }
    }

    static Stream<Arguments> everyWriteEveryDetectorSees() {
        List<Arguments> cases = new ArrayList<>();
        for (Standby standby : Standby.values()) {
            for (ForeignWrite write : ForeignWrite.values()) {
                // Counts cannot see an update that keeps the count and the _id bounds (docs/architecture.md).
                if (!(standby == Standby.COUNTS && write == ForeignWrite.UPDATE)) {
                    for (String mode : List.of("full", "auto")) {
                        cases.add(Arguments.of(standby, write, mode));
                    }
                }
            }
        }
        return cases.stream();
    }

    private TestMongo mongo(Standby standby) {
        TestMongo mongo = standby == Standby.STREAM ? servers.mongoWithChangeStreamsOnBoth() : servers.mongo();
        assumeTrue(mongo.isEmbedded(), "writes to the standby of its own embedded pair");
        SourceData.seed(mongo.sourceDb(), 50, 200);
        return mongo;
    }

    private static String body(String mode, Standby standby, boolean force) {
        return "{\"mode\":\"" + mode + "\",\"verify\":\"" + standby.verify + "\",\"force\":" + force + "}";
    }

    @ParameterizedTest(name = "{1} on a {0} standby, {2} mode")
    @MethodSource("everyWriteEveryDetectorSees")
    void aForeignWriteRefusesTheNextRunWhichWritesNothing(Standby standby, ForeignWrite write, String mode) {
        TestMongo mongo = mongo(standby);
        TestApi api = servers.api(mongo);
        assertThat(sync(api, body(mode, standby, false)).get("status").asText()).isEqualTo("completed");

        write.apply(mongo.targetDb());
        MongoSnapshot afterTheApp = MongoSnapshot.of(mongo.targetDb());
        JsonNode refused = sync(api, body(mode, standby, false));

        assertThat(refused.get("status").asText()).as(refused.toString()).isEqualTo("refused");
        assertThat(refused.get("refusal").asText()).isEqualTo("standby_diverged");
        assertThat(refused.get("error").asText()).startsWith("standby diverged: " + write.collection);
        JsonNode divergence = refused.get("divergence");
        assertThat(divergence.get("detector").asText()).isEqualTo(standby.detector);
        assertThat(divergence.get("lastWriteAt").asText()).isNotBlank();
        JsonNode change = collection(divergence, write.collection);
        assertThat(change.get("changed").asBoolean()).isTrue();
        switch (write) {
            case DROP -> assertThat(change.get("dropped").asBoolean()).isTrue();
            case CREATE -> assertThat(change.get("created").asBoolean()).isTrue();
            case INSERT -> assertThat(change.get("inserted").asLong()).isEqualTo(1);
            case DELETE -> assertThat(change.get("deleted").asLong()).isEqualTo(1);
            case UPDATE -> {
                if (standby == Standby.STREAM) {
                    assertThat(change.get("updated").asLong()).isEqualTo(1);
                }
            }
        }
        assertThat(MongoSnapshot.of(mongo.targetDb())).as("nothing written").isEqualTo(afterTheApp);
        assertThat(json(api.send("GET", "/health", null)).get("standby").asText()).isEqualTo("diverged");
        String metrics = api.send("GET", "/metrics", null).body();
        assertThat(MetricsText.value(metrics, "dbsync_standby_state{state=\"diverged\"}")).isEqualTo(1);
        assertThat(MetricsText.value(metrics, "dbsync_standby_state{state=\"ok\"}")).isZero();
        System.out.println("case=divergence detector=" + standby.detector + " write=" + write + " mode=" + mode
                + " status=refused foreignWritesKept=all");

        JsonNode forced = sync(api, body(mode, standby, true));
        assertThat(forced.get("status").asText()).as(forced.toString()).isEqualTo("completed");
        assertThat(forced.get("forced").asBoolean()).isTrue();
        assertThat(forced.get("divergence").get("forced").asBoolean()).isTrue();
        assertThat(json(api.send("GET", "/health", null)).get("standby").asText()).isEqualTo("ok");
        assertThat(MetricsText.value(api.send("GET", "/metrics", null).body(), "dbsync_standby_state{state=\"ok\"}"))
                .isEqualTo(1);
        assertThat(sync(api, body(mode, standby, false)).get("status").asText()).isEqualTo("completed");
    }
}
