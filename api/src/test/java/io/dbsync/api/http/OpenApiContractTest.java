package io.dbsync.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dbsync.api.testing.OpenApiContract;
import io.dbsync.api.testing.OpenApiCoverage;
import io.dbsync.api.testing.WiredRoutes;
import io.javalin.router.Endpoint;
import io.javalin.security.Roles;
import org.junit.jupiter.api.Test;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * docs/openapi.yaml against the router (same routes, same access), and the contract check itself:
 * it passes a conforming response and fails on each kind of drift.
 */
class OpenApiContractTest {
    private static final Map<String, List<String>> JSON_TYPE = Map.of("Content-Type", List.of("application/json"));
    private static final String RESULT = """
            {"runId":"2b4257db-f03d-4d87-b2da-014131201fc7","status":"completed","mode":"full","requestedMode":"full",
             "modeReason":"full requested; full ran","triggeredBy":"alice","forced":false,
             "startedAt":"2026-11-24T11:43:15.399Z","finishedAt":"2026-11-24T11:43:15.806Z","durationMs":406,
             "documents":25,"bytes":1175,"progress":["orders"],
             "collections":[{"name":"orders","type":"collection","method":"copy","reason":null,"documents":25,
               "deleted":0,"bytes":1175,"indexes":0,"durationMs":12,"verified":true,"verification":"count",
               "operations":9}],
             "keptOnTarget":[],"droppedOnTarget":[],"refusal":null,
             "divergence":{"detector":"none","diverged":false,"note":"first run","collections":[],"forced":false},
             "storage":{"strategy":"whole","usedMb":0,"peakMb":1,"afterMb":1,"reason":"no storage limit known"},
             "traffic":{"sourceOperations":12,"standbyOperations":20,"sourceBytesRead":1175,"standbyBytesWritten":1175,
               "standbyBytesRead":0},
             "phases":[{"name":"plan","ms":3,"sourceOperations":4,"standbyOperations":0}],
             "snapshot":{"id":"20261124T114315Z-2b4257db","status":"written","bytes":880,"seconds":0.02,"documents":25,
               "collections":1,"deleted":[]},
             "error":null%s}""";

    private static JsonNode contract() throws Exception {
        try (InputStream yaml = OpenApiContractTest.class.getClassLoader().getResourceAsStream("dbsync/openapi.yaml")) {
            return new YAMLMapper().readTree(yaml);
        }
    }

    private static void check(String method, String path, int status, Map<String, List<String>> headers, String body) {
        OpenApiContract.get().check(method, path, status, headers, body);
    }

    @Test
    void describesExactlyTheRoutesOfTheRouterWithTheirAccess() throws Exception {
        JsonNode paths = contract().path("paths");
        Set<String> described = new TreeSet<>();
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            paths.path(path).fieldNames().forEachRemaining(method -> described.add(method.toUpperCase(Locale.ROOT) + " " + path));
        }
        assertThat(described).isEqualTo(OpenApiCoverage.routes());

        for (Endpoint route : WiredRoutes.endpoints()) {
            JsonNode operation = paths.path(route.path).path(route.method.name().toLowerCase(Locale.ROOT));
            boolean open = route.metadata(Roles.class).getRoles().contains(Access.OPEN);
            assertThat(operation.path("security").isArray() && operation.path("security").isEmpty())
                    .as("%s %s: security: [] exactly when the route is open", route.method, route.path).isEqualTo(open);
            assertThat(operation.path("responses").has("401")).as("%s %s documents its 401", route.method, route.path)
                    .isEqualTo(!open);
        }
    }

    @Test
    void passesAResponseThatMatchesItsOperation() {
        assertThatCode(() -> check("GET", "/runs/2b4257db-f03d-4d87-b2da-014131201fc7", 200, JSON_TYPE,
                RESULT.formatted(""))).doesNotThrowAnyException();
        assertThatCode(() -> check("GET", "/nowhere", 404, JSON_TYPE, "{\"error\":\"no such resource\",\"status\":404}"))
                .doesNotThrowAnyException();
    }

    @Test
    void failsAResultWithAFieldTheContractDoesNotName() {
        assertThatThrownBy(() -> check("GET", "/runs/x", 200, JSON_TYPE, RESULT.formatted(",\"surprise\":1")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("GET /runs/{id} 200").hasMessageContaining("surprise");
    }

    @Test
    void failsAWrittenRestorePointWithoutItsFiguresAndAFailedOneWithoutItsReason() {
        assertThatThrownBy(() -> check("GET", "/runs/x", 200, JSON_TYPE, RESULT.formatted("").replace("\"bytes\":880,", "")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("snapshot").hasMessageContaining("bytes");
        assertThatThrownBy(() -> check("GET", "/runs/x", 200, JSON_TYPE, RESULT.formatted("")
                .replace("\"status\":\"written\"", "\"status\":\"failed\"")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("snapshot").hasMessageContaining("reason");
    }

    @Test
    void failsAResultWithAValueOutsideItsEnumOrFormat() {
        assertThatThrownBy(() -> check("GET", "/runs/x", 200, JSON_TYPE,
                RESULT.formatted("").replace("\"method\":\"copy\"", "\"method\":\"rsync\"")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("method");
        assertThatThrownBy(() -> check("GET", "/runs/x", 200, JSON_TYPE,
                RESULT.formatted("").replace("2026-11-24T11:43:15.399Z", "yesterday")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("startedAt");
    }

    @Test
    void failsAStatusTheOperationDoesNotDocument() {
        assertThatThrownBy(() -> check("GET", "/health", 503, JSON_TYPE, "{\"error\":\"down\",\"status\":503}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("GET /health 503 is not in docs/openapi.yaml");
    }

    @Test
    void failsA401WithoutItsChallengeAndA202WithoutItsLocation() {
        assertThatThrownBy(() -> check("GET", "/runs", 401, JSON_TYPE, "{\"error\":\"authentication required\",\"status\":401}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("WWW-Authenticate");
        assertThatThrownBy(() -> check("POST", "/syncdb", 202, Map.of("Content-Type", List.of("application/json"),
                "Location", List.of("/elsewhere")), "{\"runId\":\"2b4257db-f03d-4d87-b2da-014131201fc7\",\"status\":\"running\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Location");
    }

    @Test
    void failsABodyOfAnUndocumentedMediaTypeAndAServerErrorOnNoRoute() {
        assertThatThrownBy(() -> check("GET", "/health", 200, Map.of("Content-Type", List.of("text/html")), "<p>ok</p>"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("text/html");
        assertThatThrownBy(() -> check("GET", "/nowhere", 500, JSON_TYPE, "{\"error\":\"x\",\"status\":500}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("matched no route");
    }

    @Test
    void matchesPathsAndMethodsTheWayTheRouterDoes() {
        String health = "{\"status\":\"ok\",\"lastSuccessAt\":null,\"stale\":true,\"maxStalenessMinutes\":1440,"
                + "\"standby\":\"ok\",\"source\":\"up\",\"target\":\"up\",\"database\":\"up\"}";

        assertThatCode(() -> check("GET", "/health/", 200, JSON_TYPE, health)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("GET", "/heal%74h", 200, JSON_TYPE, health))
                .isInstanceOf(AssertionError.class).hasMessageContaining("matched no route");
        assertThatThrownBy(() -> check("get", "/health", 200, JSON_TYPE, health))
                .isInstanceOf(AssertionError.class).hasMessageContaining("matched no route");
        assertThatCode(() -> check("get", "/health", 405, JSON_TYPE, "{\"error\":\"Method Not Allowed\",\"status\":405}"))
                .doesNotThrowAnyException();
    }
}
