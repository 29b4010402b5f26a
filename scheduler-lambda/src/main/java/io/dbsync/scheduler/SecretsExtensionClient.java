package io.dbsync.scheduler;

import io.dbsync.scheduler.json.JsonException;
import io.dbsync.scheduler.json.JsonObject;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the password from Secrets Manager through the AWS Parameters and Secrets Lambda
 * Extension's local endpoint, so no secret sits in the function's configuration. Any failure fails
 * closed: there is no fallback password.
 *
 * <p>The secret may hold the password itself, or a JSON object with a string {@code password}
 * member (the console's key/value form).
 */
final class SecretsExtensionClient implements PasswordSource {
    static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";

    private final SchedulerConfig.FromSecret setting;
    private final HttpExchange exchange;
    private final TransientRetry retry;

    SecretsExtensionClient(SchedulerConfig.FromSecret setting, HttpExchange exchange, TransientRetry retry) {
        this.setting = setting;
        this.exchange = exchange;
        this.retry = retry;
    }

    @Override
    public String password(Deadline deadline) {
        URI uri = URI.create(setting.extensionUrl() + "/secretsmanager/get?secretId="
                + URLEncoder.encode(setting.secretId(), StandardCharsets.UTF_8));
        String what = "reading secret " + setting.secretId() + " from the Parameters and Secrets extension";
        HttpReply reply;
        try {
            reply = retry.call(what, deadline, d -> exchange.send(HttpRequest.newBuilder(uri)
                    .header(TOKEN_HEADER, setting.sessionToken())
                    .GET(), d));
        } catch (TransientRetry.GaveUp e) {
            throw new SecretUnavailableException(e.getMessage(), e.getCause());
        }
        if (reply.status() != 200) {
            // The extension's error text (e.g. AccessDenied) helps and holds no secret value.
            throw new SecretUnavailableException(what + " failed: HTTP " + reply.status() + snippet(reply), null);
        }
        return passwordFrom(secretString(reply, what), what);
    }

    private static String secretString(HttpReply reply, String what) {
        try {
            return JsonObject.parse(reply.text()).string("SecretString")
                    .filter(s -> !s.isEmpty())
                    .orElseThrow(() -> new SecretUnavailableException(
                            what + " failed: no SecretString in the answer (binary secrets are not supported)", null));
        } catch (JsonException | CharacterCodingException e) {
            // Not echoed: a half-readable answer could still contain the secret.
            throw new SecretUnavailableException(what + " failed: the answer is not the expected JSON", null);
        }
    }

    private static String passwordFrom(String secret, String what) {
        if (!secret.startsWith("{")) {
            return secret;
        }
        JsonObject object;
        try {
            object = JsonObject.parse(secret);
        } catch (JsonException e) {
            return secret; // a password that merely starts with '{'
        }
        Optional<String> member;
        try {
            member = object.string("password");
        } catch (JsonException e) {
            member = Optional.empty();
        }
        return member.filter(p -> !p.isEmpty()).orElseThrow(() -> new SecretUnavailableException(
                what + " failed: the secret is a JSON object without a non-empty string member \"password\"", null));
    }

    private static String snippet(HttpReply reply) {
        try {
            String text = reply.text().strip().replaceAll("\\s+", " ");
            return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
        } catch (CharacterCodingException e) {
            return "";
        }
    }
}
