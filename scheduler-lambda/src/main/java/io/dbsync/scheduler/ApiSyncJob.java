package io.dbsync.scheduler;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real job: password (literal or from the secrets extension), then start or join a run over
 * HTTP and follow it. Everything that leaves it, result or exception, has been through the
 * {@link Redactor}, because the API's messages are text we do not control.
 */
final class ApiSyncJob implements SyncJob {
    /** A local extension answers in milliseconds; waiting the full API timeout would waste the budget. */
    static final Duration EXTENSION_TIMEOUT = Duration.ofSeconds(10);

    private final String username;
    private final PasswordSource passwords;
    private final SyncTrigger trigger;
    private final List<String> configSecrets;

    /** @param http built once per execution environment and reused by every invocation */
    ApiSyncJob(SchedulerConfig config, HttpClient http, Pacing pacing) {
        TransientRetry retry = new TransientRetry(pacing);
        this.username = config.username();
        this.trigger = new SyncTrigger(
                new ApiClient(config.baseUrl(), new HttpExchange(http, config.httpTimeout()), retry), pacing);
        if (config.password() instanceof SchedulerConfig.FromSecret secret) {
            Duration timeout = config.httpTimeout().compareTo(EXTENSION_TIMEOUT) < 0
                    ? config.httpTimeout() : EXTENSION_TIMEOUT;
            this.passwords = new SecretsExtensionClient(secret, new HttpExchange(http, timeout), retry);
            this.configSecrets = List.of(secret.sessionToken());
        } else {
            String password = ((SchedulerConfig.Literal) config.password()).password();
            this.passwords = deadline -> password;
            this.configSecrets = List.of(password);
        }
    }

    static ApiSyncJob create(SchedulerConfig config, Pacing pacing) {
        return new ApiSyncJob(config, httpClient(config), pacing);
    }

    /**
     * One client per execution environment. Between scheduled invocations Lambda freezes the
     * process, so a pooled keep-alive connection may be dead when the next one starts; that shows
     * up as a reset on the first request, which the transient retry absorbs (and a retried POST
     * that did reach the API answers 409, which we follow).
     */
    static HttpClient httpClient(SchedulerConfig config) {
        return HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect is a misconfigured DBSYNC_URL; following it could carry Basic credentials elsewhere.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public ApiRunReply run(Deadline deadline) {
        Redactor redactor = Redactor.of(configSecrets);
        try {
            Credentials credentials = new Credentials(username, passwords.password(deadline));
            List<String> secrets = new ArrayList<>(configSecrets);
            secrets.addAll(credentials.secrets());
            redactor = Redactor.of(secrets);
            return trigger.run(credentials, deadline).redacted(redactor);
        } catch (SchedulerException e) {
            throw redacted(e, redactor);
        } catch (RuntimeException e) {
            // A bug, not an outcome. Its message might quote a header value, so it is redacted and
            // the original is not chained; its stack trace is kept for whoever fixes it.
            SchedulerException wrapped = new SchedulerException("error", null,
                    "unexpected " + e.getClass().getName() + ": " + redactor.apply(String.valueOf(e.getMessage())), null);
            wrapped.setStackTrace(e.getStackTrace());
            throw wrapped;
        }
    }

    private static SchedulerException redacted(SchedulerException e, Redactor redactor) {
        String message = redactor.apply(e.getMessage());
        if (message.equals(e.getMessage())) {
            return e;
        }
        SchedulerException copy = new SchedulerException(e.status(), e.runId().orElse(null), message, e.getCause());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
