package io.dbsync.api.config;

import java.time.Duration;

/**
 * How logins are checked and limited (README, "Configuration").
 *
 * @param maxFailedLoginsPerMinute          failed logins one username may have per minute before it is answered 429
 * @param maxFailedLoginsPerClientPerMinute failed logins one client address may have per minute before it is answered 429
 * @param cacheTtl                          how long a verified username and password are accepted without a new
 *                                          password hash check; zero turns the cache off
 * @param maxConcurrentHashes               password-hash checks that may run at once in this process
 * @param trustedProxyHops                  how many proxies in front of the service append to {@code X-Forwarded-For};
 *                                          0 (the default) trusts none and uses the socket address
 */
public record AuthSettings(int maxFailedLoginsPerMinute, int maxFailedLoginsPerClientPerMinute, Duration cacheTtl,
                           int maxConcurrentHashes, int trustedProxyHops) {

    public static final int DEFAULT_FAILED_LOGINS_PER_MINUTE = 5;
    public static final int DEFAULT_FAILED_LOGINS_PER_CLIENT_PER_MINUTE = 30;
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(300);

    public AuthSettings {
        if (maxFailedLoginsPerMinute < 1 || maxFailedLoginsPerClientPerMinute < 1 || maxConcurrentHashes < 1
                || trustedProxyHops < 0 || cacheTtl.isNegative()) {
            throw new IllegalArgumentException("invalid login settings");
        }
    }

    /** The defaults: 5 failures per username and 30 per client a minute, a 5-minute cache, one hash check per core. */
    public static AuthSettings defaults() {
        return new AuthSettings(DEFAULT_FAILED_LOGINS_PER_MINUTE, DEFAULT_FAILED_LOGINS_PER_CLIENT_PER_MINUTE,
                DEFAULT_CACHE_TTL, Runtime.getRuntime().availableProcessors(), 0);
    }

    static AuthSettings fromEnv(EnvReader reader) {
        return new AuthSettings(
                reader.integer("AUTH_MAX_FAILED_LOGINS_PER_MINUTE", DEFAULT_FAILED_LOGINS_PER_MINUTE, 1, 1000),
                reader.integer("AUTH_MAX_FAILED_LOGINS_PER_CLIENT_PER_MINUTE", DEFAULT_FAILED_LOGINS_PER_CLIENT_PER_MINUTE,
                        1, 100_000),
                Duration.ofSeconds(reader.integer("AUTH_CACHE_SECONDS", (int) DEFAULT_CACHE_TTL.toSeconds(), 0, 86_400)),
                reader.integer("AUTH_MAX_CONCURRENT_HASHES", Runtime.getRuntime().availableProcessors(), 1, 256),
                reader.integer("TRUSTED_PROXY_HOPS", 0, 0, 10));
    }

    public AuthSettings withFailedLoginLimits(int perUsername, int perClient) {
        return new AuthSettings(perUsername, perClient, cacheTtl, maxConcurrentHashes, trustedProxyHops);
    }

    public AuthSettings withCacheTtl(Duration ttl) {
        return new AuthSettings(maxFailedLoginsPerMinute, maxFailedLoginsPerClientPerMinute, ttl, maxConcurrentHashes,
                trustedProxyHops);
    }

    public AuthSettings withMaxConcurrentHashes(int hashes) {
        return new AuthSettings(maxFailedLoginsPerMinute, maxFailedLoginsPerClientPerMinute, cacheTtl, hashes,
                trustedProxyHops);
    }

    public AuthSettings withTrustedProxyHops(int hops) {
        return new AuthSettings(maxFailedLoginsPerMinute, maxFailedLoginsPerClientPerMinute, cacheTtl,
                maxConcurrentHashes, hops);
    }
}
