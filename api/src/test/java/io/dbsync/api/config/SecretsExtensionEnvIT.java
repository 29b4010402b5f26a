package io.dbsync.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API reads its connection strings from a Secrets Manager secret through the Parameters and
 * Secrets extension's local endpoint: a real HTTP server on localhost stands in for the extension.
 */
class SecretsExtensionEnvIT {
    private static final String SECRET_ID = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dbsync/api-config-AbCdEf";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN==";
    private static final String DATABASE_URL = "postgres://dbsync:pg-s3cret@db.example.net:5432/dbsync";
    private static final String SOURCE = "mongodb+srv://app:src-s3cret@primary.example.net/shop";
    private static final String TARGET = "mongodb+srv://sync:tgt-s3cret@standby.example.net/shop";

    private HttpServer extension;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "";
    private final AtomicInteger failuresBeforeSuccess = new AtomicInteger();

    @BeforeEach
    void startExtension() throws IOException {
        extension = HttpServer.create(new InetSocketAddress(InetAddress.getByName("localhost"), 0), 0);
        extension.createContext("/secretsmanager/get", exchange -> {
            requests.add(Map.of(
                    "token", String.valueOf(exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token")),
                    "query", String.valueOf(exchange.getRequestURI().getRawQuery())));
            boolean fail = failuresBeforeSuccess.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            byte[] bytes = (fail ? "not ready" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        extension.start();
    }

    @AfterEach
    void stopExtension() {
        extension.stop(0);
    }

    private Map<String, String> lambdaEnv(String... keyValues) {
        Map<String, String> env = new HashMap<>(Map.of(
                "DBSYNC_CONFIG_SECRET_ID", SECRET_ID,
                "AWS_SESSION_TOKEN", TOKEN,
                "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", String.valueOf(extension.getAddress().getPort()),
                "SYNC_WAIT_SECONDS", "840"));
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    private void answer(int status, String secretString) {
        this.status = status;
        this.body = "{\"ARN\":\"" + SECRET_ID + "\",\"Name\":\"dbsync/api-config\",\"SecretString\":" + secretString
                + ",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"]}";
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String config() {
        return quoted("{\"DATABASE_URL\":\"" + DATABASE_URL + "\",\"SOURCE_MONGODB_URI\":\"" + SOURCE
                + "\",\"TARGET_MONGODB_URI\":\"" + TARGET + "\"}");
    }

    @Test
    void addsTheSecretsVariablesToTheEnvironmentAndKeepsTheOthers() {
        answer(200, config());

        Map<String, String> env = SecretsExtensionEnv.apply(lambdaEnv());

        assertThat(env).containsEntry("DATABASE_URL", DATABASE_URL)
                .containsEntry("SOURCE_MONGODB_URI", SOURCE)
                .containsEntry("TARGET_MONGODB_URI", TARGET)
                .containsEntry("SYNC_WAIT_SECONDS", "840");
    }

    @Test
    void asksTheExtensionForTheSecretIdWithTheSessionToken() {
        answer(200, config());

        SecretsExtensionEnv.apply(lambdaEnv());

        assertThat(requests).containsExactly(Map.of("token", TOKEN, "query",
                "secretId=arn%3Aaws%3Asecretsmanager%3Aeu-west-1%3A123456789012%3Asecret%3Adbsync%2Fapi-config-AbCdEf"));
    }

    @Test
    void readsNothingWhenNoSecretIdIsSet() {
        Map<String, String> env = Map.of("DATABASE_URL", DATABASE_URL, "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT",
                String.valueOf(extension.getAddress().getPort()));

        assertThat(SecretsExtensionEnv.apply(env)).isSameAs(env);
        assertThat(requests).isEmpty();
    }

    @Test
    void acceptsAVariableSetInBothPlacesWithTheSameValue() {
        answer(200, config());

        assertThat(SecretsExtensionEnv.apply(lambdaEnv("DATABASE_URL", DATABASE_URL))).containsEntry("DATABASE_URL", DATABASE_URL);
    }

    @Test
    void refusesAVariableSetInBothPlacesWithDifferentValuesAndNamesNeitherValue() {
        answer(200, config());

        assertThatThrownBy(() -> SecretsExtensionEnv.apply(lambdaEnv("DATABASE_URL", "postgres://old:old-s3cret@db/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL is set both in the environment and in secret " + SECRET_ID)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void retriesAnExtensionThatIsNotReadyYet() {
        answer(200, config());
        failuresBeforeSuccess.set(2);

        assertThat(SecretsExtensionEnv.apply(lambdaEnv())).containsEntry("TARGET_MONGODB_URI", TARGET);
        assertThat(requests).hasSize(3);
    }

    @ParameterizedTest(name = "[{index}] HTTP {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "400 | {\"message\":\"AccessDeniedException: not authorized to perform secretsmanager:GetSecretValue\"}",
            "404 | {\"message\":\"ResourceNotFoundException\"}",
            "500 | internal error",
    })
    void failsClosedNamingTheSecretAndTheStatusWhenTheExtensionRefuses(int status, String extensionBody) {
        this.status = status;
        this.body = extensionBody;

        assertThatThrownBy(() -> SecretsExtensionEnv.apply(lambdaEnv()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("reading secret " + SECRET_ID)
                .hasMessageContaining("HTTP " + status);
    }

    @Test
    void doesNotRetryAnAnswerThatARetryCannotChange() {
        this.status = 400;
        this.body = "{\"message\":\"AccessDeniedException\"}";

        assertThatThrownBy(() -> SecretsExtensionEnv.apply(lambdaEnv())).isInstanceOf(ConfigException.class);
        assertThat(requests).hasSize(1);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "\"\" | has no SecretString",
            "42 | has no SecretString",
            "\"not json pg-s3cret\" | must be a JSON object of variables",
            "\"[\\\"pg-s3cret\\\"]\" | must be a JSON object of variables",
            "\"{}\" | holds no variables",
            "\"{\\\"DATABASE_URL\\\":\\\"\\\"}\" | DATABASE_URL is empty",
            "\"{\\\"DATABASE_URL\\\":5432}\" | DATABASE_URL is not a string",
            "\"{\\\"database_url\\\":\\\"pg-s3cret\\\"}\" | key 'database_url' is not a variable name",
    })
    void refusesASecretThatIsNotAnObjectOfVariablesWithoutEchoingIt(String secretString, String expected) {
        answer(200, secretString);

        assertThatThrownBy(() -> SecretsExtensionEnv.apply(lambdaEnv()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("secret " + SECRET_ID)
                .hasMessageContaining(expected)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void refusesAnAnswerThatIsNotJsonWithoutEchoingIt() {
        this.status = 200;
        this.body = "SecretString=pg-s3cret";

        assertThatThrownBy(() -> SecretsExtensionEnv.apply(lambdaEnv()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not the expected JSON")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void failsClosedWhenTheExtensionIsNotListening() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> SecretsExtensionEnv.apply(lambdaEnv("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT",
                String.valueOf(closedPort))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("reading secret " + SECRET_ID)
                .hasMessageContaining("ConnectException");
    }

    @Test
    void refusesASecretIdWithoutASessionTokenBeforeAskingTheExtension() {
        Map<String, String> env = lambdaEnv();
        env.remove("AWS_SESSION_TOKEN");

        assertThatThrownBy(() -> SecretsExtensionEnv.apply(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AWS_SESSION_TOKEN")
                .hasMessageContaining(SECRET_ID);
        assertThat(requests).isEmpty();
    }

    @Test
    void resolvePrintsOneLineAndReturnsNothingOnFailure() {
        this.status = 404;
        this.body = "{\"message\":\"ResourceNotFoundException\"}";
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        boolean resolved = SecretsExtensionEnv.resolve(lambdaEnv(), new PrintStream(err, true, StandardCharsets.UTF_8)).isPresent();

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(resolved).isFalse();
        assertThat(printed.lines()).singleElement().asString().startsWith("dbsync: reading secret " + SECRET_ID);
    }
}
