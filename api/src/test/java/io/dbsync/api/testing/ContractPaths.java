package io.dbsync.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;

/** Which path of docs/openapi.yaml a request path falls under, the way the router matches it. */
final class ContractPaths {
    private ContractPaths() {
    }

    /**
     * The template ({@code /runs/{id}}) that {@code rawPath} matches the way Javalin 7 routes it
     * (measured): the path as sent, not percent-decoded ({@code /sync%64b} is no route); one
     * trailing slash ignored ({@code /runs/} is {@code /runs}, {@code /runs//} and {@code //} are no
     * route); a {@code {name}} segment matches one non-empty segment.
     */
    static Optional<String> match(JsonNode paths, String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String path = rawPath;
        if (path.length() > 1 && path.endsWith("/") && path.charAt(path.length() - 2) != '/') {
            path = path.substring(0, path.length() - 1);
        }
        String[] segments = path.split("/", -1);
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String template = it.next();
            if (matches(template.split("/", -1), segments)) {
                return Optional.of(template);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean parameter = template[i].startsWith("{") && template[i].endsWith("}");
            if (parameter ? segments[i].isEmpty() || segments[i].contains("/") : !template[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    /** A path as one JSON-pointer token: {@code ~} is {@code ~0}, {@code /} is {@code ~1}. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
