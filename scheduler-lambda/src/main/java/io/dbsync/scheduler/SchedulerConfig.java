package io.dbsync.scheduler;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the scheduler reads from its environment, checked once at start-up. Built only by
 * {@link #fromEnv(Map)}, whose errors name the variable at fault and never echo a secret.
 */
record SchedulerConfig(URI baseUrl, String username, PasswordSetting password,
                       Duration connectTimeout, Duration httpTimeout, Duration commandLineBudget) {

    static final String URL = "DBSYNC_URL";
    static final String ALLOW_HTTP = "DBSYNC_ALLOW_HTTP";
    static final String USERNAME = "DBSYNC_USERNAME";
    static final String PASSWORD = "DBSYNC_PASSWORD";
    static final String PASSWORD_SECRET_ID = "DBSYNC_PASSWORD_SECRET_ID";
    static final String CONNECT_TIMEOUT = "DBSYNC_CONNECT_TIMEOUT_SECONDS";
    static final String HTTP_TIMEOUT = "DBSYNC_HTTP_TIMEOUT_SECONDS";
    static final String CLI_TIMEOUT = "DBSYNC_TIMEOUT_SECONDS";
    static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    static final String EXTENSION_PORT = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";

    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
    /** Must exceed the API's own wait (SYNC_WAIT_SECONDS, 25 s by default) or every long run looks like a stall. */
    static final int DEFAULT_HTTP_TIMEOUT_SECONDS = 40;
    /** Lambda's own maximum; only the command line uses it. */
    static final int DEFAULT_CLI_TIMEOUT_SECONDS = 900;
    /** The Parameters and Secrets extension's documented default port. */
    static final int DEFAULT_EXTENSION_PORT = 2773;

    /** Where the password comes from. */
    sealed interface PasswordSetting permits Literal, FromSecret {}

    /** The password itself, from DBSYNC_PASSWORD. */
    record Literal(String password) implements PasswordSetting {
        @Override
        public String toString() {
            return "Literal[password=***]";
        }
    }

    /** A Secrets Manager secret read through the Lambda extension at invocation time. */
    record FromSecret(String secretId, URI extensionUrl, String sessionToken) implements PasswordSetting {
        @Override
        public String toString() {
            return "FromSecret[secretId=" + secretId + ", extensionUrl=" + extensionUrl + ", sessionToken=***]";
        }
    }

    static SchedulerConfig fromEnv(Map<String, String> env) {
        return new SchedulerConfig(
                baseUrl(env),
                username(env),
                passwordSetting(env),
                Duration.ofSeconds(seconds(env, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_SECONDS)),
                Duration.ofSeconds(seconds(env, HTTP_TIMEOUT, DEFAULT_HTTP_TIMEOUT_SECONDS)),
                commandLineBudget(env));
    }

    /** Read on its own by {@link Main}, which needs the budget even when the rest is wrong. */
    static Duration commandLineBudget(Map<String, String> env) {
        return Duration.ofSeconds(seconds(env, CLI_TIMEOUT, DEFAULT_CLI_TIMEOUT_SECONDS));
    }

    private static URI baseUrl(Map<String, String> env) {
        String raw = required(env, URL).strip();
        boolean allowHttp = flag(env, ALLOW_HTTP); // checked even for https, so a typo is caught early
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new ConfigException(URL + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null) {
            // Not echoed: whatever sits before the '@' is likely a password.
            throw new ConfigException(URL + " must not contain credentials; use " + USERNAME + " and "
                    + PASSWORD + " or " + PASSWORD_SECRET_ID);
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new ConfigException(URL + " must be an https:// URL");
        }
        if (scheme.equals("http") && !allowHttp) {
            throw new ConfigException(URL + " must use https (Basic credentials would travel in clear text); set "
                    + ALLOW_HTTP + "=true to allow http, for a local test only");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigException(URL + " has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(URL + " must be a base URL without query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    private static String username(Map<String, String> env) {
        String username = required(env, USERNAME);
        // RFC 7617: the user-id cannot contain a colon, and no control characters either.
        if (username.indexOf(':') >= 0 || username.chars().anyMatch(Character::isISOControl)) {
            throw new ConfigException(USERNAME + " must not contain ':' or control characters");
        }
        return username;
    }

    private static PasswordSetting passwordSetting(Map<String, String> env) {
        String password = optional(env, PASSWORD);
        String secretId = optional(env, PASSWORD_SECRET_ID);
        if (password != null && secretId != null) {
            throw new ConfigException("set only one of " + PASSWORD + " and " + PASSWORD_SECRET_ID);
        }
        if (password != null) {
            return new Literal(password);
        }
        if (secretId == null) {
            throw new ConfigException("set " + PASSWORD + " or " + PASSWORD_SECRET_ID + " (neither is set)");
        }
        String token = optional(env, SESSION_TOKEN);
        if (token == null) {
            throw new ConfigException(SESSION_TOKEN + " is not set; the Parameters and Secrets extension needs it to read "
                    + PASSWORD_SECRET_ID + " (outside Lambda use " + PASSWORD + ")");
        }
        int port = integer(env, EXTENSION_PORT, DEFAULT_EXTENSION_PORT, 65_535);
        return new FromSecret(secretId.strip(), URI.create("http://localhost:" + port), token);
    }

    private static long seconds(Map<String, String> env, String name, int defaultValue) {
        return integer(env, name, defaultValue, 86_400);
    }

    private static int integer(Map<String, String> env, String name, int defaultValue, int max) {
        String raw = optional(env, name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new ConfigException(name + " must be a whole number from 1 to " + max + ", got '" + raw.strip() + "'");
    }

    private static boolean flag(Map<String, String> env, String name) {
        String raw = optional(env, name);
        if (raw == null || raw.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw new ConfigException(name + " must be true or false");
    }

    private static String required(Map<String, String> env, String name) {
        String value = optional(env, name);
        if (value == null) {
            throw new ConfigException(name + " is not set");
        }
        return value;
    }

    /** Empty counts as unset: consoles and templates often leave variables defined but blank. */
    private static String optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
