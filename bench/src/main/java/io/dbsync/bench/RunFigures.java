package io.dbsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the benchmark keeps of one {@code POST /syncdb} answer: status, mode and why, documents, the
 * engine's own duration, and — when the API reports them — the run's {@code traffic} (operations and
 * bytes per server) and {@code phases} (wall time and operations per phase), and per collection its
 * method, figures and any operation counts. Fields the API does not send are left out, never failed on,
 * so the harness works before and after the engine reports them.
 */
final class RunFigures {
    /** Run-level fields copied as they are when present. */
    static final List<String> OPTIONAL_RUN_FIELDS = List.of("traffic", "phases", "storage", "plan", "strategy",
            "snapshot");
    private static final Set<String> COLLECTION_FIELDS = Set.of("name", "method", "reason", "documents", "deleted",
            "bytes", "durationMs", "verification");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFigures() {
    }

    /** @param seconds the HTTP request's wall time, as the harness measured it */
    static Map<String, Object> of(JsonNode body, double seconds) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("seconds", Stats.round(seconds, 4));
        run.put("engineSeconds", body.path("durationMs").asLong() / 1000.0);
        run.put("status", body.path("status").asText());
        run.put("mode", body.path("mode").asText());
        if (body.hasNonNull("modeReason")) {
            run.put("modeReason", body.path("modeReason").asText());
        }
        if (body.hasNonNull("error")) {
            run.put("error", body.path("error").asText());
        }
        run.put("documents", body.path("documents").asLong());
        run.put("bytes", body.path("bytes").asLong());
        for (String field : OPTIONAL_RUN_FIELDS) {
            if (body.hasNonNull(field)) {
                run.put(field, JSON.convertValue(body.get(field), Object.class));
            }
        }
        List<Map<String, Object>> collections = new ArrayList<>();
        for (JsonNode collection : body.path("collections")) {
            Map<String, Object> figures = new LinkedHashMap<>();
            collection.fields().forEachRemaining(field -> {
                // the known figures, and whatever counts operations or traffic (the engine is adding them)
                String name = field.getKey();
                if (COLLECTION_FIELDS.contains(name) || name.toLowerCase().contains("operations")
                        || name.equals("traffic") || name.equals("phases")) {
                    figures.put(name, JSON.convertValue(field.getValue(), Object.class));
                }
            });
            collections.add(figures);
        }
        run.put("collections", collections);
        return run;
    }

    /** Whether the API's answer carried the run's operation counts (issue 14's budget accounting). */
    static boolean hasTraffic(Map<String, Object> run) {
        return run.get("traffic") instanceof Map<?, ?>;
    }
}
