package io.dbsync.api.http;

import static io.dbsync.api.testing.RunResults.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MutableClock;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Per-run options, bad input and login throttling, each asserted with its status and JSON. */
class SyncOptionsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = TestServers.operator();

    @RegisterExtension
    final TestServers servers = new TestServers();
    private TestMongo mongo;

    private TestApi api(SyncPolicy policy, Clock clock) {
        mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 200, 400);
        return servers.api(mongo, ApiSetup.defaults().withPolicy(policy).withClock(clock));
    }

    private TestApi api() {
        return api(SyncPolicy.defaults(), Clock.systemUTC());
    }

    private List<String> targetNames() {
        return mongo.targetDb().listCollectionNames().into(new ArrayList<>()).stream().sorted().toList();
    }

    @Test
    void includeAndExcludeChooseTheCollectionsCopied() {
        TestApi api = api();

        JsonNode onlyOrders = json(api.send("POST", "/syncdb?include=ord*", AUTH));
        List<String> afterInclude = targetNames();
        JsonNode allButEvents = json(api.post("/syncdb", AUTH, "{\"exclude\": [\"events\", \"audit_*\"]}"));

        assertThat(onlyOrders.get("status").asText()).isEqualTo("completed");
        assertThat(afterInclude).containsExactly("orders");
        assertThat(allButEvents.get("status").asText()).isEqualTo("completed");
        assertThat(targetNames()).containsExactly("customers", "orders");
    }

    @Test
    void dropMissingDropsStandbyCollectionsTheSourceNoLongerHasOtherwiseTheyAreKept() {
        TestApi api = api();
        assertThat(api.send("POST", "/syncdb", AUTH).statusCode()).isEqualTo(200);
        mongo.sourceDb().getCollection("events").drop();

        JsonNode kept = json(api.send("POST", "/syncdb", AUTH));
        List<String> afterKeep = targetNames();
        // Dropping a whole collection with data is a 100 % shrink: the guard stops it unless forced.
        JsonNode refused = json(api.post("/syncdb", AUTH, "{\"dropMissing\": true}"));
        List<String> afterRefusal = targetNames();
        JsonNode dropped = json(api.post("/syncdb", AUTH, "{\"dropMissing\": true, \"force\": true}"));

        assertThat(refused.get("status").asText()).isEqualTo("refused");
        assertThat(refused.get("error").asText()).contains("'events'").contains("to 0");
        assertThat(afterRefusal).contains("events");

        assertThat(kept.get("keptOnTarget").get(0).asText()).isEqualTo("events");
        System.out.println("case=source-collection-dropped deletedOnTarget=" + (afterKeep.contains("events") ? 0 : 1));
        assertThat(afterKeep).contains("events");
        assertThat(dropped.get("droppedOnTarget").get(0).asText()).isEqualTo("events");
        assertThat(targetNames()).doesNotContain("events").contains("orders");
    }

    @Test
    void verifyCanBeChosenPerRun() {
        TestApi api = api();

        JsonNode digest = json(api.send("POST", "/syncdb?verify=digest", AUTH));

        assertThat(digest.get("collections").get(0).get("verification").asText()).isEqualTo("digest");
    }

    @Test
    void badOptionsAreA400NamingTheProblemAndStartNothing() {
        TestApi api = api();

        HttpResponse<String> unknown = api.send("POST", "/syncdb?wipe=true", AUTH);
        HttpResponse<String> badVerify = api.post("/syncdb", AUTH, "{\"verify\": \"sha1\"}");
        HttpResponse<String> badType = api.post("/syncdb", AUTH, "{\"include\": 5}");
        HttpResponse<String> notJson = api.post("/syncdb", AUTH, "{force: yes");
        HttpResponse<String> badBool = api.send("POST", "/syncdb?force=yes", AUTH);
        HttpResponse<String> badGlob = api.post("/syncdb", AUTH, "{\"include\": [\"\"]}");
        HttpResponse<String> optionsOnGet = api.send("GET", "/syncdb?force=true", AUTH);

        for (HttpResponse<String> response : List.of(unknown, badVerify, badType, notJson, badBool, badGlob, optionsOnGet)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json(response).get("status").asInt()).isEqualTo(400);
        }
        assertThat(json(unknown).get("error").asText()).contains("wipe");
        assertThat(json(badVerify).get("error").asText()).contains("count or digest");
        assertThat(json(badType).get("error").asText()).contains("include");
        assertThat(json(notJson).get("error").asText()).contains("not valid JSON");
        assertThat(json(optionsOnGet).get("error").asText()).contains("POST only");
        assertThat(json(api.send("GET", "/runs", AUTH)).size()).isZero();
    }

    @Test
    void failedLoginsThrottleOneUsernameWithoutAffectingAnother() {
        MutableClock clock = new MutableClock();
        TestApi api = api(SyncPolicy.defaults(), clock);
        api.addUser("bob", "bob-password-1");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(api.send("GET", "/runs", TestApi.basic("operator", "guess-" + i)).statusCode());
        }
        HttpResponse<String> throttled = api.send("GET", "/runs", AUTH);
        HttpResponse<String> unknownThrottled = throttleUnknown(api);
        HttpResponse<String> otherUser = api.send("GET", "/runs", TestApi.basic("bob", "bob-password-1"));
        clock.advance(Duration.ofSeconds(61));
        HttpResponse<String> afterWindow = api.send("GET", "/runs", AUTH);

        assertThat(statuses).containsOnly(401);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(json(throttled).get("status").asInt()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertThat(unknownThrottled.statusCode()).as("an unknown user is throttled just the same").isEqualTo(429);
        assertThat(json(unknownThrottled).get("error").asText().replaceAll("\\d+", "N"))
                .isEqualTo(json(throttled).get("error").asText().replaceAll("\\d+", "N"));
        assertThat(otherUser.statusCode()).isEqualTo(200);
        assertThat(afterWindow.statusCode()).isEqualTo(200);
        System.out.println("case=brute-force attemptsAllowedPerWindow=5");
    }

    private static HttpResponse<String> throttleUnknown(TestApi api) {
        HttpResponse<String> last = null;
        for (int i = 0; i < 6; i++) {
            last = api.send("GET", "/runs", TestApi.basic("mallory", "guess-" + i));
        }
        return last;
    }
}

