package io.dbsync.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Checks a response an HTTP test received against docs/openapi.yaml (the copy packaged in the
 * api's classes, the one {@code /openapi.json} serves): the status must be documented for the
 * operation, required headers present and valid, the media type documented, the body valid
 * against the schema (networknt json-schema-validator, OpenAPI 3.1 dialect, formats asserted).
 * Each schema is compiled once. A response no route matched must be a 4xx in the error shape.
 * Every (method, path, status) checked is recorded for {@link OpenApiCoverage}.
 */
public final class OpenApiContract {
    static final String RESOURCE = "dbsync/openapi.yaml";
    /** How a response no operation matches is recorded. */
    static final String NO_ROUTE = "(no route)";
    private static final OpenApiContract INSTANCE = new OpenApiContract();
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final Set<String> checked = new ConcurrentSkipListSet<>();
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    private OpenApiContract() {
        try (InputStream yaml = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath (api/pom.xml packages docs/openapi.yaml)");
            }
            document = new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The document is read from the classpath only: nothing is ever fetched over the network.
        registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    public static OpenApiContract get() {
        return INSTANCE;
    }

    /** Checks a response of the JDK client. */
    public static void check(HttpResponse<String> response) {
        URI uri = response.request().uri();
        INSTANCE.check(response.request().method(), uri.getRawPath(), response.statusCode(), response.headers().map(),
                response.body());
    }

    /**
     * Checks one response; throws an {@link AssertionError} naming the operation, the status and
     * every violation. {@code rawPath} is the request's path without its query, as sent.
     */
    public void check(String method, String rawPath, int status, Map<String, List<String>> headers, String body) {
        long start = System.nanoTime();
        try {
            checkOperation(method, rawPath, status, headers, body);
        } finally {
            responses.incrementAndGet();
            nanos.addAndGet(System.nanoTime() - start);
        }
    }

    private void checkOperation(String method, String rawPath, int status, Map<String, List<String>> headers, String body) {
        Map<String, String> lowerCaseHeaders = new TreeMap<>();
        headers.forEach((name, values) -> lowerCaseHeaders.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        Optional<String> template = ContractPaths.match(document.path("paths"), rawPath);
        String operationName = method.toLowerCase(Locale.ROOT);
        // Methods are case-sensitive: a "get" is no GET (the router answers it 405).
        boolean known = method.equals(method.toUpperCase(Locale.ROOT)) && template.isPresent()
                && document.path("paths").path(template.get()).has(operationName);
        if (!known) {
            checkUnrouted(method + " " + rawPath, status, lowerCaseHeaders, body);
            return;
        }
        String described = method + " " + template.get() + " " + status;
        String operation = "/paths/" + ContractPaths.escape(template.get()) + "/" + operationName;
        JsonNode responsesNode = document.at(operation + "/responses");
        String key = responsesNode.has(Integer.toString(status)) ? Integer.toString(status)
                : responsesNode.has(status / 100 + "XX") ? status / 100 + "XX" : "default";
        if (!responsesNode.has(key)) {
            throw new AssertionError(described + " is not in docs/openapi.yaml (documented: " + fieldNames(responsesNode)
                    + "); body: " + abbreviate(body));
        }
        String response = operation + "/responses/" + ContractPaths.escape(key);
        if (responsesNode.path(key).has("$ref")) {
            response = responsesNode.path(key).path("$ref").asText().substring(1);
        }
        checkHeaders(described, response, lowerCaseHeaders);
        checkContent(described, response, lowerCaseHeaders.get("content-type"), body);
        checked.add(described);
    }

    private void checkUnrouted(String request, int status, Map<String, String> headers, String body) {
        if (status < 400 || status >= 500) {
            // Jetty's redirect of a request target that is not origin-form: no route, no body to check.
            if (body == null || body.isEmpty()) {
                checked.add(NO_ROUTE + " " + status);
                return;
            }
            throw new AssertionError(request + " matched no route in docs/openapi.yaml yet got " + status + ": " + abbreviate(body));
        }
        if (body != null && !body.isEmpty()) {
            checkContent(request + " -> " + status + " (no route)", "/components/responses/ClientError",
                    headers.get("content-type"), body);
        }
        checked.add(NO_ROUTE + " " + status);
    }

    private void checkHeaders(String described, String response, Map<String, String> headers) {
        JsonNode documented = document.at(response + "/headers");
        for (Iterator<Map.Entry<String, JsonNode>> it = documented.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            String value = headers.get(header.getKey().toLowerCase(Locale.ROOT));
            if (value == null) {
                if (header.getValue().path("required").asBoolean()) {
                    throw new AssertionError(described + ": required header " + header.getKey() + " is missing");
                }
                continue;
            }
            Schema schema = schema(response + "/headers/" + ContractPaths.escape(header.getKey()) + "/schema");
            boolean integer = "integer".equals(header.getValue().path("schema").path("type").asText());
            String instance = integer && INTEGER.matcher(value).matches() ? value : quote(value);
            fail(described + ": header " + header.getKey() + "=" + value, schema.validate(instance, InputFormat.JSON));
        }
    }

    private void checkContent(String described, String response, String contentType, String body) {
        JsonNode content = document.at(response + "/content");
        boolean empty = body == null || body.isEmpty();
        if (content.isMissingNode()) {
            if (!empty) {
                throw new AssertionError(described + ": documented without a body, got " + abbreviate(body));
            }
            return;
        }
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            throw new AssertionError(described + ": Content-Type '" + contentType + "' is not documented (documented: "
                    + fieldNames(content) + "); body: " + abbreviate(body));
        }
        Schema schema = schema(response + "/content/" + ContractPaths.escape(mediaType) + "/schema");
        String instance = mediaType.equals("application/json") ? body : quote(body);
        fail(described + ": body " + abbreviate(body), schema.validate(instance, InputFormat.JSON));
    }

    /** Compiled once per JSON pointer into the document; refs resolved up front, so checks from many threads only read. */
    private Schema schema(String pointer) {
        return compiled.computeIfAbsent(pointer, key -> {
            Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + RESOURCE + "#" + key));
            schema.initializeValidators();
            return schema;
        });
    }

    private static void fail(String what, List<Error> errors) {
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder(what).append(" does not match docs/openapi.yaml:");
            errors.stream().limit(10).forEach(error -> message.append("\n  ").append(error));
            throw new AssertionError(message.toString());
        }
    }

    private static String quote(String text) {
        return new com.fasterxml.jackson.databind.node.TextNode(text).toString();
    }

    private static String fieldNames(JsonNode node) {
        StringBuilder names = new StringBuilder();
        node.fieldNames().forEachRemaining(name -> names.append(names.length() == 0 ? "" : ", ").append(name));
        return names.toString();
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "(none)";
        }
        return body.length() <= 400 ? body : body.substring(0, 400) + "…(" + body.length() + " chars)";
    }

    /** The (method, path template, status) triples checked so far in this JVM, e.g. {@code GET /runs/{id} 404}. */
    public Set<String> checked() {
        return Set.copyOf(checked);
    }

    public long responsesChecked() {
        return responses.get();
    }

    /** Time spent checking, schema compilation included: what the contract costs the suite. */
    public long checkingMillis() {
        return nanos.get() / 1_000_000;
    }

    JsonNode document() {
        return document;
    }
}
