package io.dbsync.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.auth.UserStatus;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The authentication guard and the error shape, over real HTTP against a real users table. */
class AuthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestMongo mongo;
    private static TestApi api;

    @BeforeAll
    static void start() {
        mongo = TestMongo.start();
        api = TestApi.start(mongo);
        api.addUser("alice", "alice-password-1");
        api.addUser("bob", "bob-password-12");
        api.userAdmin().setStatus("bob", UserStatus.DISABLED);
    }

    @AfterAll
    static void stop() {
        api.close();
        mongo.close();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void everyAuthenticationFailureGetsTheSameResponse() {
        Map<String, String> failures = new LinkedHashMap<>();
        failures.put("no header", null);
        failures.put("unknown user", TestApi.basic("mallory", "alice-password-1"));
        failures.put("wrong password", TestApi.basic("alice", "wrong-password"));
        failures.put("disabled user", TestApi.basic("bob", "bob-password-12"));
        failures.put("bad base64", "Basic !!!not-base64!!!");
        failures.put("no colon", "Basic " + base64("alicealice-password-1".getBytes(StandardCharsets.UTF_8)));
        failures.put("empty username", TestApi.basic("", "alice-password-1"));
        failures.put("other scheme", "Bearer abc.def.ghi");
        failures.put("not utf-8", "Basic " + base64(new byte[] {(byte) 0xC3, (byte) 0x28, ':', 'x'}));
        failures.put("nul in password", TestApi.basic("alice", "alice-password-1\0"));
        failures.put("password over 72 bytes", TestApi.basic("alice", "é".repeat(40)));
        failures.put("oversized header", "Basic " + "A".repeat(4_000));

        Set<String> distinct = new HashSet<>();
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, String> failure : failures.entrySet()) {
            HttpResponse<String> response = api.send("POST", "/syncdb", failure.getValue());
            softly.assertThat(response.statusCode()).as(failure.getKey()).isEqualTo(401);
            softly.assertThat(response.headers().firstValue("WWW-Authenticate")).as(failure.getKey())
                    .contains("Basic realm=\"dbsync\", charset=\"UTF-8\"");
            distinct.add(response.statusCode() + "|" + response.headers().firstValue("WWW-Authenticate").orElse("")
                    + "|" + response.headers().firstValue("Content-Type").orElse("") + "|" + response.body());
        }
        softly.assertAll();
        System.out.println("case=auth-401 variants=" + failures.size() + " distinctResponses=" + distinct.size());
        assertThat(distinct).hasSize(1);
        assertThat(distinct.iterator().next()).endsWith("{\"error\":\"authentication required\",\"status\":401}");
    }

    @Test
    void theRightCredentialsRunASync() throws Exception {
        HttpResponse<String> response = api.send("POST", "/syncdb", TestApi.basic("alice", "alice-password-1"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void runHistoryNeedsCredentialsToo() {
        assertThat(api.send("GET", "/runs", null).statusCode()).isEqualTo(401);
        assertThat(api.send("GET", "/runs/some-id", null).statusCode()).isEqualTo(401);
        assertThat(api.send("GET", "/runs", TestApi.basic("alice", "alice-password-1")).statusCode()).isEqualTo(200);
    }

    @Test
    void healthIsOpenAndSaysWhetherTheStandbyIsFresh() throws Exception {
        HttpResponse<String> response = api.send("GET", "/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.has("lastSuccessAt")).isTrue();
        assertThat(body.get("stale").isBoolean()).isTrue();
        assertThat(response.body()).doesNotContain("127.0.0.1").doesNotContain("mongodb://");
    }

    @Test
    void unknownRoutesAndMethodsGetTheJsonErrorShape() throws Exception {
        HttpResponse<String> notFound = api.send("GET", "/nowhere", null);
        HttpResponse<String> notAllowed = api.send("DELETE", "/health", null);

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(notFound.body()).get("status").asInt()).isEqualTo(404);
        assertThat(JSON.readTree(notFound.body()).get("error").asText()).isNotBlank();
        assertThat(notAllowed.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(notAllowed.body()).get("status").asInt()).isEqualTo(405);
    }
}
