package io.dbsync.scheduler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                "DBSYNC_URL", "https://dbsync.example.com",
                "DBSYNC_USERNAME", "scheduler",
                "DBSYNC_PASSWORD", "hunter2"));
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                env.remove(pairs[i]);
            } else {
                env.put(pairs[i], pairs[i + 1]);
            }
        }
        return env;
    }

    @Test
    void appliesTheDocumentedDefaults() {
        SchedulerConfig config = SchedulerConfig.fromEnv(env());

        assertThat(config.baseUrl()).isEqualTo(URI.create("https://dbsync.example.com"));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.httpTimeout()).isEqualTo(Duration.ofSeconds(40));
        assertThat(config.commandLineBudget()).isEqualTo(Duration.ofSeconds(900));
        assertThat(config.password()).isEqualTo(new SchedulerConfig.Literal("hunter2"));
    }

    @Test
    void readsEverySetting() {
        SchedulerConfig config = SchedulerConfig.fromEnv(env(
                "DBSYNC_URL", "http://localhost:7070/base//",
                "DBSYNC_ALLOW_HTTP", "TRUE",
                "DBSYNC_PASSWORD", null,
                "DBSYNC_PASSWORD_SECRET_ID", "dbsync/api",
                "AWS_SESSION_TOKEN", "tok",
                "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "2999",
                "DBSYNC_CONNECT_TIMEOUT_SECONDS", "3",
                "DBSYNC_HTTP_TIMEOUT_SECONDS", " 60 ",
                "DBSYNC_TIMEOUT_SECONDS", "120"));

        assertThat(config.baseUrl()).isEqualTo(URI.create("http://localhost:7070/base"));
        assertThat(config.password()).isEqualTo(
                new SchedulerConfig.FromSecret("dbsync/api", URI.create("http://localhost:2999"), "tok"));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.httpTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.commandLineBudget()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void theSecretsExtensionPortDefaultsTo2773() {
        SchedulerConfig config = SchedulerConfig.fromEnv(env("DBSYNC_PASSWORD", null,
                "DBSYNC_PASSWORD_SECRET_ID", "dbsync/api", "AWS_SESSION_TOKEN", "tok"));

        assertThat(((SchedulerConfig.FromSecret) config.password()).extensionUrl())
                .isEqualTo(URI.create("http://localhost:2773"));
    }

    @ParameterizedTest(name = "[{index}] {0}={1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "DBSYNC_URL | NULL | DBSYNC_URL is not set",
            "DBSYNC_URL | '  ' | DBSYNC_URL is not set",
            "DBSYNC_URL | http://dbsync.example.com | DBSYNC_URL must use https",
            "DBSYNC_URL | ftp://dbsync.example.com | DBSYNC_URL must be an https:// URL",
            "DBSYNC_URL | dbsync.example.com | DBSYNC_URL must be an https:// URL",
            "DBSYNC_URL | https://exa mple.com | DBSYNC_URL is not a valid URL",
            "DBSYNC_URL | https:///path | DBSYNC_URL has no host",
            "DBSYNC_URL | https://dbsync.example.com/?x=1 | DBSYNC_URL must be a base URL without query or fragment",
            "DBSYNC_USERNAME | NULL | DBSYNC_USERNAME is not set",
            "DBSYNC_USERNAME | a:b | DBSYNC_USERNAME must not contain ':'",
            "DBSYNC_PASSWORD | NULL | set DBSYNC_PASSWORD or DBSYNC_PASSWORD_SECRET_ID",
            "DBSYNC_PASSWORD_SECRET_ID | dbsync/api | set only one of DBSYNC_PASSWORD and DBSYNC_PASSWORD_SECRET_ID",
            "DBSYNC_ALLOW_HTTP | yes | DBSYNC_ALLOW_HTTP must be true or false",
            "DBSYNC_CONNECT_TIMEOUT_SECONDS | 0 | DBSYNC_CONNECT_TIMEOUT_SECONDS must be a whole number from 1 to 86400",
            "DBSYNC_HTTP_TIMEOUT_SECONDS | 2.5 | DBSYNC_HTTP_TIMEOUT_SECONDS must be a whole number",
            "DBSYNC_HTTP_TIMEOUT_SECONDS | -1 | DBSYNC_HTTP_TIMEOUT_SECONDS must be a whole number",
            "DBSYNC_TIMEOUT_SECONDS | 99999999999 | DBSYNC_TIMEOUT_SECONDS must be a whole number",
    })
    void aMissingOrWrongSettingIsRefusedWithAMessageNamingTheVariable(String name, String value, String message) {
        assertThatThrownBy(() -> SchedulerConfig.fromEnv(env(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void httpIsAllowedOnlyWhenExplicitlyEnabled() {
        assertThat(SchedulerConfig.fromEnv(env("DBSYNC_URL", "http://127.0.0.1:7070", "DBSYNC_ALLOW_HTTP", "true")).baseUrl())
                .isEqualTo(URI.create("http://127.0.0.1:7070"));
        assertThatThrownBy(() -> SchedulerConfig.fromEnv(env("DBSYNC_URL", "http://127.0.0.1:7070", "DBSYNC_ALLOW_HTTP", "false")))
                .hasMessageContaining("DBSYNC_ALLOW_HTTP=true");
    }

    @Test
    void aSecretIdNeedsTheSessionTokenAndAValidExtensionPort() {
        assertThatThrownBy(() -> SchedulerConfig.fromEnv(env("DBSYNC_PASSWORD", null, "DBSYNC_PASSWORD_SECRET_ID", "x")))
                .hasMessageStartingWith("AWS_SESSION_TOKEN is not set");
        assertThatThrownBy(() -> SchedulerConfig.fromEnv(env("DBSYNC_PASSWORD", null, "DBSYNC_PASSWORD_SECRET_ID", "x",
                "AWS_SESSION_TOKEN", "t", "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "70000")))
                .hasMessageContaining("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT");
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutBeingEchoed() {
        assertThatThrownBy(() -> SchedulerConfig.fromEnv(env("DBSYNC_URL", "https://admin:hunter3@dbsync.example.com")))
                .hasMessageContaining("DBSYNC_URL must not contain credentials")
                .hasMessageNotContaining("hunter3");
    }

    @Test
    void toStringNeverShowsThePasswordOrTheSessionToken() {
        String literal = SchedulerConfig.fromEnv(env()).toString();
        String secret = SchedulerConfig.fromEnv(env("DBSYNC_PASSWORD", null, "DBSYNC_PASSWORD_SECRET_ID", "dbsync/api",
                "AWS_SESSION_TOKEN", "session-token-value")).toString();

        assertThat(literal).doesNotContain("hunter2").contains("***");
        assertThat(secret).doesNotContain("session-token-value").contains("dbsync/api");
    }
}
