package io.dbsync.scheduler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static io.dbsync.scheduler.ApiResults.completed;
import static io.dbsync.scheduler.FakePeer.json;
import static io.dbsync.scheduler.Invocations.basic;
import static io.dbsync.scheduler.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability case 23: the password comes from Secrets Manager through the Parameters and Secrets
 * extension's local endpoint (a fake one here, on the port the extension's variable names); the
 * environment holds only the secret id, and any failure of the extension fails closed.
 */
class SecretsExtensionIT {
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN==";
    private static final String SECRET_ID = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dbsync/api-AbCdEf";
    private static final String SECRET = "vault-p4ss:w0rd";

    private FakePeer api;
    private FakePeer extension;

    @BeforeEach
    void startPeers() throws IOException {
        api = FakePeer.start();
        api.on("POST", "/syncdb", json(200, completed("run-1", 42)));
        extension = FakePeer.startOnLocalhost();
    }

    @AfterEach
    void stopPeers() {
        api.close();
        extension.close();
    }

    private Map<String, String> env() {
        return Invocations.env(api.baseUrl(),
                "DBSYNC_PASSWORD", null,
                "DBSYNC_PASSWORD_SECRET_ID", SECRET_ID,
                "AWS_SESSION_TOKEN", SESSION_TOKEN,
                "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", String.valueOf(extension.port()));
    }

    private static String secretAnswer(String secretString) {
        return "{\"ARN\":\"" + SECRET_ID + "\",\"Name\":\"dbsync/api\",\"SecretString\":" + secretString
                + ",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"]}";
    }

    @Test
    void thePasswordIsReadThroughTheExtensionWithTheSessionTokenAndUsedForBasicAuth() {
        extension.on("GET", "/secretsmanager/get", json(200, secretAnswer("\"" + SECRET + "\"")));

        Invocations.Outcome outcome = invoke(env());

        assertThat(outcome.failure()).isNull();
        FakePeer.Request lookup = extension.requests().get(0);
        assertThat(lookup.header("X-Aws-Parameters-Secrets-Token")).isEqualTo(SESSION_TOKEN);
        assertThat(lookup.query()).isEqualTo("secretId=arn%3Aaws%3Asecretsmanager%3Aeu-west-1%3A123456789012%3Asecret%3Adbsync%2Fapi-AbCdEf");
        assertThat(api.requests().get(0).header("Authorization")).isEqualTo(basic(Invocations.USERNAME, SECRET));
        boolean secretInEnv = env().values().stream().anyMatch(v -> v.contains(SECRET));
        System.out.println("secretInEnv=" + secretInEnv);
        assertThat(secretInEnv).isFalse();
    }

    @Test
    void aKeyValueSecretContributesItsPasswordMember() {
        extension.on("GET", "/secretsmanager/get",
                json(200, secretAnswer("\"{\\\"username\\\":\\\"scheduler\\\",\\\"password\\\":\\\"kv-pass\\\"}\"")));

        Invocations.Outcome outcome = invoke(env());

        assertThat(outcome.failure()).isNull();
        assertThat(api.requests().get(0).header("Authorization")).isEqualTo(basic(Invocations.USERNAME, "kv-pass"));
    }

    @ParameterizedTest(name = "[{index}] HTTP {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "400 | {\"message\":\"AccessDeniedException: not authorized to perform secretsmanager:GetSecretValue\"}",
            "401 | unauthorized",
            "404 | {\"message\":\"ResourceNotFoundException\"}",
            "500 | internal error",
            "503 | not ready",
            "200 | not json at all",
            "200 | {\"ARN\":\"x\",\"SecretBinary\":\"AAEC\"}",
            "200 | {\"ARN\":\"x\",\"SecretString\":\"\"}",
            "200 | {\"ARN\":\"x\",\"SecretString\":42}",
            "200 | {\"ARN\":\"x\",\"SecretString\":\"{\\\"user\\\":\\\"no password member\\\"}\"}",
    })
    void anyFailureOfTheExtensionFailsClosedWithoutCallingTheApi(int status, String body) {
        extension.on("GET", "/secretsmanager/get", json(status, body));

        Invocations.Outcome outcome = invoke(env());

        assertThat(outcome.failure()).isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining(SECRET_ID);
        assertThat(outcome.summary().get("status").asText()).isEqualTo("secret_error");
        assertThat(outcome.summary().get("level").asText()).isEqualTo("ERROR");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void anUnreachableExtensionFailsClosed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = Invocations.env(api.baseUrl(),
                "DBSYNC_PASSWORD", null,
                "DBSYNC_PASSWORD_SECRET_ID", SECRET_ID,
                "AWS_SESSION_TOKEN", SESSION_TOKEN,
                "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", String.valueOf(closedPort));

        Invocations.Outcome outcome = invoke(env);

        assertThat(outcome.failure()).isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("ConnectException");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aSecretIdWithoutASessionTokenIsAConfigurationError() {
        Map<String, String> env = Invocations.env(api.baseUrl(),
                "DBSYNC_PASSWORD", null,
                "DBSYNC_PASSWORD_SECRET_ID", SECRET_ID,
                "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", String.valueOf(extension.port()));

        Invocations.Outcome outcome = invoke(env);

        assertThat(outcome.failure()).isInstanceOf(ConfigException.class).hasMessageContaining("AWS_SESSION_TOKEN");
        assertThat(extension.requests()).isEmpty();
        assertThat(api.requests()).isEmpty();
    }
}
