package io.dbsync.api.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On AWS Lambda, the API's connection strings come from one Secrets Manager secret, read at start-up
 * through the AWS Parameters and Secrets Lambda Extension on {@code localhost:2773}, so they are
 * never part of the function's configuration. When {@value #SECRET_ID} is set, the secret must be a
 * JSON object of environment variables ({@code DATABASE_URL}, {@code SOURCE_MONGODB_URI},
 * {@code TARGET_MONGODB_URI}, …) and they are added to the environment the API reads.
 *
 * <p>A variable set both in the environment and in the secret with different values is refused
 * rather than silently resolved either way: one of the two copies is stale, and guessing which is
 * how a standby ends up written with the wrong credentials. Every failure is fail-closed, with one
 * line that names the secret id and never a value.
 */
public final class SecretsExtensionEnv {
    /** Name or ARN of the secret; unset means "nothing to read". */
    public static final String SECRET_ID = "DBSYNC_CONFIG_SECRET_ID";
    static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    /** Set by the extension's layer configuration; the extension's documented default is 2773. */
    static final String EXTENSION_PORT = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
    static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";
    static final int DEFAULT_PORT = 2773;

    private static final Logger LOG = LoggerFactory.getLogger(SecretsExtensionEnv.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");
    /** The extension starts with the function; a few short retries cover a slow start, no more. */
    private static final int ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(150);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private SecretsExtensionEnv() {
    }

    /**
     * The environment with the secret's variables added, or {@code env} itself when
     * {@value #SECRET_ID} is not set.
     *
     * @throws ConfigException naming the secret id (never a value) when it cannot be read or used
     */
    public static Map<String, String> apply(Map<String, String> env) {
        String secretId = blankToNull(env.get(SECRET_ID));
        if (secretId == null) {
            return env;
        }
        String token = blankToNull(env.get(SESSION_TOKEN));
        if (token == null) {
            throw new ConfigException(SECRET_ID + " is set but " + SESSION_TOKEN + " is not: secret " + secretId
                    + " is read through the AWS Parameters and Secrets Lambda Extension, which only runs on Lambda;"
                    + " elsewhere set the variables themselves");
        }
        Map<String, String> variables = variables(secretId, fetch(secretId, token, port(env)));
        Map<String, String> merged = new HashMap<>(env);
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String existing = blankToNull(env.get(variable.getKey()));
            if (existing != null && !existing.equals(variable.getValue())) {
                throw new ConfigException(variable.getKey() + " is set both in the environment and in secret " + secretId
                        + " with different values; keep it in one place");
            }
            merged.put(variable.getKey(), variable.getValue());
        }
        LOG.info("event=config.secret secretId={} variables={}", secretId, new TreeSet<>(variables.keySet()));
        return Collections.unmodifiableMap(merged);
    }

    /**
     * {@link #apply} for {@code main}: on failure prints the one line to {@code err} and returns empty,
     * so the caller exits with the configuration-error code and no stack trace.
     */
    public static Optional<Map<String, String>> resolve(Map<String, String> env, PrintStream err) {
        try {
            return Optional.of(apply(env));
        } catch (ConfigException e) {
            err.println("dbsync: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static int port(Map<String, String> env) {
        String raw = blankToNull(env.get(EXTENSION_PORT));
        if (raw == null) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(raw.strip());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(EXTENSION_PORT + " must be a port number from 1 to 65535");
    }

    /** The extension's answer body; retried only where a retry can help (not started yet, 5xx). */
    private static String fetch(String secretId, String token, int port) {
        URI uri = URI.create("http://localhost:" + port + "/secretsmanager/get?secretId="
                + URLEncoder.encode(secretId, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).header(TOKEN_HEADER, token).timeout(REQUEST_TIMEOUT).GET().build();
        String what = "reading secret " + secretId + " from the Parameters and Secrets extension on localhost:" + port;
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        String failure = "";
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() == 200) {
                    return response.body();
                }
                // The extension's error text (AccessDenied, ResourceNotFound) names no secret value.
                failure = "HTTP " + response.statusCode() + snippet(response.body());
                if (response.statusCode() < 500) {
                    break;
                }
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfigException(what + " was interrupted");
            }
            if (attempt < ATTEMPTS) {
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw new ConfigException(what + " failed: " + failure);
    }

    private static Map<String, String> variables(String secretId, String answer) {
        String where = "secret " + secretId;
        String secretString;
        try {
            JsonNode node = JSON.readTree(answer).path("SecretString");
            if (!node.isTextual() || node.textValue().isEmpty()) {
                throw new ConfigException(where + " has no SecretString (binary secrets are not supported)");
            }
            secretString = node.textValue();
        } catch (JsonProcessingException e) {
            // Never echoed: a half-readable answer may still hold the secret.
            throw new ConfigException("the extension's answer for " + where + " is not the expected JSON");
        }
        JsonNode object;
        try {
            object = JSON.readTree(secretString);
        } catch (JsonProcessingException e) {
            object = null;
        }
        if (object == null || !object.isObject()) {
            throw new ConfigException(where + " must be a JSON object of variables, such as"
                    + " {\"DATABASE_URL\":\"…\",\"SOURCE_MONGODB_URI\":\"…\",\"TARGET_MONGODB_URI\":\"…\"}");
        }
        Map<String, String> variables = new HashMap<>();
        List<String> problems = new ArrayList<>();
        object.fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (!VARIABLE.matcher(name).matches()) {
                problems.add("key '" + name + "' is not a variable name (A-Z, 0-9, _)");
            } else if (!field.getValue().isTextual()) {
                problems.add(name + " is not a string");
            } else if (field.getValue().textValue().isBlank()) {
                problems.add(name + " is empty");
            } else {
                variables.put(name, field.getValue().textValue());
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(where + ": " + String.join("; ", problems));
        }
        if (variables.isEmpty()) {
            throw new ConfigException(where + " holds no variables");
        }
        return variables;
    }

    private static String snippet(String body) {
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
