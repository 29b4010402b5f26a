package io.dbsync.api.http;

import static io.dbsync.api.testing.RunResults.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dbsync.api.store.StandbyStates;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.RunGate;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * The status page over plain HTTP (its browser test is {@code StatusPageBrowserIT}): the login,
 * what it shows after completed, refused and running runs, a paused standby, and that it prints
 * names from the user's database as text. Also {@code /openapi.json}.
 */
class StatusPageIT {
    static final String SCRIPT_NAME = "<script>alert(1)</script>";
    private static final String AUTH = TestServers.operator();

    @RegisterExtension
    final TestServers servers = new TestServers();

    @Test
    void thePageNeedsALoginLikeTheRunsItShows() {
        TestApi api = servers.api(servers.mongo());

        HttpResponse<String> anonymous = api.send("GET", "/", null);
        HttpResponse<String> wrong = api.send("GET", "/", TestApi.basic(TestServers.USER, "wrong password"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue(BasicAuthGuard.CHALLENGE);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(anonymous.body()).doesNotContain("<html");
    }

    @Test
    void showsACompletedRunThenARefusedOneWithTheGuardsReason() {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 50, 120);
        TestApi api = servers.api(mongo);
        String before = page(api);
        JsonNode completed = json(api.send("POST", "/syncdb", AUTH));
        mongo.sourceDb().getCollection("orders").deleteMany(new Document());
        JsonNode refused = json(api.send("POST", "/syncdb", AUTH));

        String after = page(api);

        assertThat(before).contains("No run has completed yet").contains("No runs yet").contains(">Stale<");
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(refused.get("status").asText()).isEqualTo("refused");
        assertThat(after).contains("id=\"freshness-state\" class=\"state ok\">Fresh<")
                .contains("id=\"standby-state\" class=\"state ok\">ok<")
                .contains("<h2>Last 2 runs</h2>")
                .contains("data-status=\"refused\"").contains("data-status=\"completed\"")
                .contains("deletion guard").contains("from 120 to 0")
                .contains("<svg id=\"runs-chart\"").contains("class=\"bar refused\"").contains("class=\"bar completed\"")
                .contains(completed.get("runId").asText()) // the collections shown are the completed run's
                .contains("<td>orders</td>").contains("<td>customers</td>").contains("✓ count")
                .doesNotContain("http-equiv=\"refresh\"");
        assertThat(after.indexOf("data-status=\"refused\"")).as("newest first")
                .isLessThan(after.indexOf("data-status=\"completed\""));
    }

    @Test
    void printsACollectionNamedLikeAScriptAsTextNeverAsMarkup() {
        TestMongo mongo = servers.mongo();
        mongo.sourceDb().getCollection(SCRIPT_NAME).insertOne(new Document("note", "<img src=x onerror=alert(2)>"));
        TestApi api = servers.api(mongo);
        assertThat(json(api.send("POST", "/syncdb", AUTH)).get("status").asText()).isEqualTo("completed");

        String html = page(api);

        assertThat(html).contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>").doesNotContainIgnoringCase("<script");
    }

    @Test
    void showsAPausedStandbyWithWhoAndWhyEscaped() {
        TestMongo mongo = servers.mongo();
        TestApi api = servers.api(mongo);
        new StandbyStates(api.application().database().jdbi(), mongo.target().identity(), Clock.systemUTC())
                .pause("failover drill <b>now</b>", "alice");

        String html = page(api);

        assertThat(html).contains("id=\"standby-state\" class=\"state warn\">paused<")
                .contains("Paused by <strong>alice</strong>").contains("failover drill &lt;b&gt;now&lt;/b&gt;");
    }

    @Test
    void showsARunInProgressWithItsLiveFiguresAndReloadsItself() throws Exception {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 50, 400);
        RunGate gate = new RunGate();
        TestApi api = servers.api(mongo, ApiSetup.defaults().withListener(gate).withWait(Duration.ofMillis(200)));
        HttpResponse<String> started = api.send("POST", "/syncdb", AUTH);
        gate.awaitReached();
        String running;
        try {
            running = page(api);
        } finally {
            gate.open();
        }
        api.awaitRun(json(started).get("runId").asText(), Duration.ofSeconds(30));

        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(running).contains("<meta http-equiv=\"refresh\" content=\"5\">").contains("<h2>Run in progress</h2>")
                .contains(json(started).get("runId").asText()).contains("class=\"live-collection\"")
                .contains("<progress value=").contains("data-status=\"running\"");
        assertThat(page(api)).doesNotContain("http-equiv=\"refresh\"").contains("data-status=\"completed\"");
    }

    @Test
    void servesTheContractAsJsonWithoutALogin() throws Exception {
        TestApi api = servers.api(servers.mongo());

        HttpResponse<String> response = api.send("GET", "/openapi.json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        try (InputStream yaml = getClass().getClassLoader().getResourceAsStream("dbsync/openapi.yaml")) {
            assertThat(new ObjectMapper().readTree(response.body())).isEqualTo(new YAMLMapper().readTree(yaml));
        }
    }

    private static String page(TestApi api) {
        HttpResponse<String> response = api.send("GET", "/", AUTH);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html").containsIgnoringCase("charset=utf-8"));
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(
                io.dbsync.api.http.page.StatusPage.CONTENT_SECURITY_POLICY);
        return response.body();
    }
}
