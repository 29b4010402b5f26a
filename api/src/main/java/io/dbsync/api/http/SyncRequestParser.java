package io.dbsync.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.config.ConfigException;
import io.dbsync.api.config.SyncMode;
import io.dbsync.api.config.VerifyMode;
import io.dbsync.api.sync.SyncRequest;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a run's options from the query string ({@code ?force=true&include=a,b*}) or a JSON body
 * ({@code {"force":true,"include":["a","b*"]}}). Anything unknown or ill-typed is a 400 naming it.
 */
final class SyncRequestParser {
    private static final Set<String> FIELDS = Set.of("force", "include", "exclude", "dropMissing", "verify", "mode");
    // Strict: '{"force":false} {"force":true}', '{} garbage' or '{"force":false,"force":true}' is a bad
    // request, not a run: which of two values counts must never be a parser's guess.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SyncRequestParser() {
    }

    static SyncRequest parse(Context ctx, String triggeredBy) {
        if (!ctx.method().name().equals("POST")) {
            // A GET can be fired by any page a logged-in browser opens; forcing past the guard needs a POST.
            if (!ctx.queryParamMap().isEmpty()) {
                throw badRequest("run options are accepted on POST only");
            }
            return SyncRequest.of(triggeredBy);
        }
        for (String name : ctx.queryParamMap().keySet()) {
            if (!FIELDS.contains(name)) {
                throw badRequest("unknown option '" + name + "'");
            }
        }
        JsonNode body = body(ctx);
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw badRequest("unknown option '" + name + "'");
            }
            if (ctx.queryParam(name) != null) {
                throw badRequest("option '" + name + "' is given both in the query and in the body");
            }
        }
        return new SyncRequest(triggeredBy,
                bool(ctx, body, "force").orElse(false),
                list(ctx, body, "include"),
                list(ctx, body, "exclude"),
                bool(ctx, body, "dropMissing"),
                text(ctx, body, "verify").map(value -> {
                    try {
                        return VerifyMode.parse("verify", value);
                    } catch (ConfigException e) {
                        throw badRequest(e.getMessage());
                    }
                }),
                text(ctx, body, "mode").map(value -> {
                    try {
                        return SyncMode.parse("mode", value);
                    } catch (ConfigException e) {
                        throw badRequest(e.getMessage());
                    }
                }));
    }

    private static JsonNode body(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw badRequest("the request body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw badRequest("the request body is not valid JSON");
        }
    }

    private static Optional<Boolean> bool(Context ctx, JsonNode body, String name) {
        String query = ctx.queryParam(name);
        if (query != null) {
            return switch (query) {
                case "true" -> Optional.of(true);
                case "false" -> Optional.of(false);
                default -> throw badRequest("option '" + name + "' must be true or false");
            };
        }
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw badRequest("option '" + name + "' must be true or false");
        }
        return Optional.of(node.asBoolean());
    }

    private static Optional<String> text(Context ctx, JsonNode body, String name) {
        String query = ctx.queryParam(name);
        if (query != null) {
            return Optional.of(query);
        }
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw badRequest("option '" + name + "' must be a string");
        }
        return Optional.of(node.asText());
    }

    private static Optional<List<String>> list(Context ctx, JsonNode body, String name) {
        String query = ctx.queryParam(name);
        if (query != null) {
            return Optional.of(Arrays.stream(query.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw badRequest("option '" + name + "' must be an array of collection names or globs");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw badRequest("option '" + name + "' must be an array of strings");
            }
            values.add(element.asText());
        }
        return Optional.of(values);
    }

    private static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
