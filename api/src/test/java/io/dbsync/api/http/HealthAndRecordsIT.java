package io.dbsync.api.http;

import static io.dbsync.api.testing.RunResults.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.sync.SyncStatus;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MutableClock;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/** Run records, freshness in /health, dependencies down, and metrics, over real HTTP. */
class HealthAndRecordsIT {
    private static final String AUTH = TestServers.operator();

    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestMongo mongo() {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 200, 400);
        return mongo;
    }

    private TestApi api(TestMongo mongo, ProgressListener listener, Clock clock, DatabaseUrl database, SyncPolicy policy) {
        return servers.api(mongo, ApiSetup.defaults().withWait(Duration.ofSeconds(30)).withPolicy(policy).withListener(listener)
                .withClock(clock).withDatabase(database));
    }

    @Test
    void healthTurnsStaleWithoutARecentSuccessAndFreshAfterOne() throws Exception {
        TestMongo mongo = mongo();
        MutableClock clock = new MutableClock();
        TestApi api = api(mongo, ProgressListener.NONE, clock, TestPostgres.freshDatabase(),
                SyncPolicy.defaults().withMaxStaleness(Duration.ofMinutes(10)));

        JsonNode before = json(api.send("GET", "/health", null));
        assertThat(api.send("POST", "/syncdb", AUTH).statusCode()).isEqualTo(200);
        JsonNode fresh = json(api.send("GET", "/health", null));
        clock.advance(Duration.ofMinutes(11));
        JsonNode stale = json(api.send("GET", "/health", null));
        assertThat(api.send("POST", "/syncdb", AUTH).statusCode()).isEqualTo(200);
        JsonNode freshAgain = json(api.send("GET", "/health", null));

        assertThat(before.get("stale").asBoolean()).isTrue();
        assertThat(before.get("lastSuccessAt").isNull()).isTrue();
        assertThat(fresh.get("stale").asBoolean()).isFalse();
        assertThat(stale.get("stale").asBoolean()).isTrue();
        assertThat(freshAgain.get("stale").asBoolean()).isFalse();
        assertThat(freshAgain.get("status").asText()).isEqualTo("ok");
        assertThat(freshAgain.get("source").asText()).isEqualTo("up");
        assertThat(freshAgain.get("target").asText()).isEqualTo("up");
        assertThat(freshAgain.get("database").asText()).isEqualTo("up");
    }

    @Test
    void healthSaysWhichDependencyIsDownWithoutNamingIt() throws Exception {
        TestMongo mongo = mongo();
        TestApi api = api(mongo, ProgressListener.NONE, Clock.systemUTC(), TestPostgres.freshDatabase(), SyncPolicy.defaults());
        org.junit.jupiter.api.Assumptions.assumeTrue(mongo.isEmbedded(), "stops the source server: embedded only");
        mongo.stopSource();

        HttpResponse<String> response = api.send("GET", "/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("degraded");
        assertThat(json(response).get("source").asText()).isEqualTo("down");
        assertThat(json(response).get("target").asText()).isEqualTo("up");
        assertThat(response.body()).doesNotContain("127.0.0.1").doesNotContain("mongodb://").doesNotContain("postgres");
    }

    @Test
    void everyRunIsRecordedWithWhoTriggeredItAndMetricsCountThem() throws Exception {
        TestMongo mongo = mongo();
        TestApi api = api(mongo, ProgressListener.NONE, Clock.systemUTC(), TestPostgres.freshDatabase(), SyncPolicy.defaults());
        HttpResponse<String> first = api.send("POST", "/syncdb", AUTH);
        mongo.sourceDb().getCollection("orders").deleteMany(new org.bson.Document());
        HttpResponse<String> refused = api.send("POST", "/syncdb", AUTH);

        JsonNode history = json(api.send("GET", "/runs?limit=5", AUTH));
        String metrics = api.send("GET", "/metrics", null).body();

        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("runId").asText()).isEqualTo(json(refused).get("runId").asText());
        assertThat(history.get(0).get("status").asText()).isEqualTo("refused");
        assertThat(history.get(1).get("status").asText()).isEqualTo("completed");
        assertThat(history.get(1).get("triggeredBy").asText()).isEqualTo(TestServers.USER);
        assertThat(history.get(1).get("collections").size()).isEqualTo(json(first).get("collections").size());
        assertThat(metrics).contains("dbsync_runs_total{status=\"completed\"} 1.0")
                .contains("dbsync_runs_total{status=\"refused\"} 1.0")
                .contains("dbsync_documents_copied_total " + json(first).get("documents").asLong() + ".0")
                .contains("dbsync_seconds_since_last_success");
        assertThat(api.send("GET", "/runs?limit=0", AUTH).statusCode()).isEqualTo(400);
        assertThat(json(api.send("GET", "/runs?limit=x", AUTH)).get("error").asText()).contains("limit");
        SyncResult stored = api.awaitRun(json(first).get("runId").asText(), Duration.ofSeconds(1));
        assertThat(stored.status()).isEqualTo(SyncStatus.COMPLETED);
    }
}

