package io.dbsync.api.auth;

import io.dbsync.api.auth.LoginOutcome.Accepted;
import io.dbsync.api.auth.LoginOutcome.Busy;
import io.dbsync.api.auth.LoginOutcome.Refused;
import io.dbsync.api.auth.LoginOutcome.Scope;
import io.dbsync.api.auth.LoginOutcome.Throttled;
import io.dbsync.api.config.AuthSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a username and password, cheapest answer first:
 * <ol>
 *   <li>a username or client past its failed-login limit is refused (no database, no hash);</li>
 *   <li>a username and password the {@link CredentialCache} remembers are accepted after one indexed
 *       read of the user's row shows the same stored hash and an active user — microseconds of CPU,
 *       no lock, so one user's parallel requests never wait for each other;</li>
 *   <li>anything else is one full check: a reservation against both limits, a slot of the global
 *       {@link HashingGate} (or {@link Busy} at once), then the hash. Identical logins that arrive
 *       together share that one check instead of queueing for their own.</li>
 * </ol>
 * Every full check costs one hash whether or not the user exists (unknown users are checked against
 * a dummy bcrypt hash of the same cost), so neither the time nor the answer tells.
 */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_QUEUE_WAIT = Duration.ofSeconds(2);
    private static final Duration SHARED_CHECK_WAIT = Duration.ofSeconds(60);

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final PasswordVerifier verifier;
    private final String dummyHash;
    private final CredentialCache cache;
    private final HashingGate gate;
    private final LoginThrottle usernames;
    private final LoginThrottle clients;
    private final AuthStats stats = new AuthStats();
    private final ConcurrentHashMap<String, CompletableFuture<LoginOutcome>> checksInFlight = new ConcurrentHashMap<>();

    public Authenticator(Jdbi jdbi, PasswordHasher hasher, AuthSettings settings, Clock clock) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.dummyHash = hasher.hash("dbsync-dummy-password-for-timing");
        this.verifier = new PasswordVerifier(hasher, stats, dummyHash);
        this.cache = new CredentialCache(settings.cacheTtl(), clock);
        int permits = settings.maxConcurrentHashes();
        this.gate = new HashingGate(permits, 2 * permits, MAX_QUEUE_WAIT);
        this.usernames = new LoginThrottle(settings.maxFailedLoginsPerMinute(), Duration.ofMinutes(1), clock);
        this.clients = new LoginThrottle(settings.maxFailedLoginsPerClientPerMinute(), Duration.ofMinutes(1), clock);
    }

    /** Checks a login from {@code client} (an address, or any stable name for the caller). */
    public LoginOutcome authenticate(String username, String password, String client) {
        Optional<Duration> blocked = usernames.blockedFor(username);
        if (blocked.isPresent()) {
            return throttled(Scope.USERNAME, blocked.get());
        }
        blocked = clients.blockedFor(client);
        if (blocked.isPresent()) {
            return throttled(Scope.CLIENT, blocked.get());
        }
        Optional<CredentialCache.Candidate> remembered = cache.candidate(username, password);
        if (remembered.isPresent()) {
            Optional<User> user = find(username);
            if (user.isPresent() && user.get().isActive() && remembered.get().stillMatches(user.get().passwordHash())) {
                stats.cacheHit();
                return new Accepted(user.get());
            }
            cache.forget(username); // disabled, or a new password since: the full check decides
        }
        return sharedCheck(username, password, client);
    }

    public AuthStats stats() {
        return stats;
    }

    public HashingGate gate() {
        return gate;
    }

    /** Failed logins since start (per username; the per-client limit sees the same failures). */
    public long failedLoginsTotal() {
        return usernames.failuresTotal();
    }

    private LoginOutcome sharedCheck(String username, String password, String client) {
        String key = cache.fingerprint(username, password);
        CompletableFuture<LoginOutcome> mine = new CompletableFuture<>();
        CompletableFuture<LoginOutcome> running = checksInFlight.putIfAbsent(key, mine);
        if (running != null) {
            return joined(running, client);
        }
        try {
            LoginOutcome outcome = fullCheck(username, password, client);
            mine.complete(outcome);
            return outcome;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checksInFlight.remove(key, mine);
        }
    }

    /** The outcome of an identical login already being checked; a refusal still counts against this client. */
    private LoginOutcome joined(CompletableFuture<LoginOutcome> running, String client) {
        LoginOutcome outcome;
        try {
            outcome = running.get(SHARED_CHECK_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Busy(BUSY_RETRY);
        } catch (TimeoutException e) {
            return new Busy(BUSY_RETRY);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        if (outcome instanceof Refused) {
            clients.failed(client);
        }
        // Another client's limit is not this one's: it is simply told to come back.
        return outcome instanceof Throttled throttled && throttled.scope() == Scope.CLIENT ? new Busy(BUSY_RETRY) : outcome;
    }

    private LoginOutcome fullCheck(String username, String password, String client) {
        // The gate first: under a flood most logins end here, before they touch any per-key state.
        Optional<HashingGate.Permit> permit = gate.tryEnter();
        if (permit.isEmpty()) {
            return new Busy(BUSY_RETRY);
        }
        LoginThrottle.Admission forUsername = usernames.tryBegin(username);
        if (!forUsername.admitted()) {
            permit.get().close();
            return throttled(Scope.USERNAME, forUsername.retryAfter());
        }
        LoginThrottle.Admission forClient = clients.tryBegin(client);
        if (!forClient.admitted()) {
            permit.get().close();
            forUsername.attempt().released();
            return throttled(Scope.CLIENT, forClient.retryAfter());
        }
        boolean finished = false;
        try (HashingGate.Permit held = permit.get()) {
            Optional<User> user = find(username);
            String stored = user.map(User::passwordHash).orElse(dummyHash);
            PasswordVerifier.Verdict verdict = verifier.verify(username, password, stored);
            if (verdict == PasswordVerifier.Verdict.NO_MATCH || user.isEmpty() || !user.get().isActive()) {
                forUsername.attempt().failed();
                forClient.attempt().failed();
                finished = true;
                return new Refused();
            }
            User accepted = verdict == PasswordVerifier.Verdict.MATCH_LEGACY ? rehashed(user.get(), password) : user.get();
            forUsername.attempt().succeeded();
            forClient.attempt().released();
            finished = true;
            cache.remember(username, password, accepted.passwordHash());
            return new Accepted(accepted);
        } finally {
            if (!finished) { // the database failed mid-check: nothing was learnt about the password
                forUsername.attempt().released();
                forClient.attempt().released();
            }
        }
    }

    /** Replaces a seed user's legacy hash by bcrypt, unless someone changed the row meanwhile. */
    private User rehashed(User user, String password) {
        String newHash;
        try {
            newHash = hasher.rehash(password);
        } catch (InvalidPasswordException e) {
            LOG.warn("event=auth.rehash_skipped user={} reason=\"{}\"", user.username(), e.getMessage());
            return user;
        }
        boolean replaced = jdbi.withExtension(UserDao.class,
                dao -> dao.replacePasswordHash(user.username(), user.passwordHash(), newHash));
        if (!replaced) {
            return user;
        }
        stats.rehashed();
        LOG.info("event=auth.rehashed user={} from=\"{}\" to=bcrypt", user.username(),
                PasswordVerifier.describe(user.passwordHash()));
        return new User(user.id(), user.username(), newHash, user.status(), user.createdAt());
    }

    private Optional<User> find(String username) {
        return jdbi.withExtension(UserDao.class, dao -> dao.findByUsername(username));
    }

    private LoginOutcome throttled(Scope scope, Duration retryAfter) {
        stats.throttled();
        return new Throttled(scope, retryAfter);
    }
}
