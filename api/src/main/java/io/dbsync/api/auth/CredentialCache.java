package io.dbsync.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, for a short time, that a username and password passed a full password-hash check, so
 * that the next requests cost an HMAC instead of a bcrypt. It never holds a password: an entry is
 * an HMAC-SHA-256 of the password and one of the stored hash it was checked against, under a key
 * drawn at random when the process starts (so a heap dump tells nothing a guesser could use
 * elsewhere, and the values die with the process).
 *
 * <p>An entry only says "this password matched that stored hash". Whether the stored hash is still
 * the user's, and whether the user is still active, is read from the users table on every request
 * (see {@link Authenticator}) — so a password changed or a user disabled from the command line, in
 * another process, is refused from the next request on.
 */
public final class CredentialCache {
    private static final int MAX_ENTRIES = 10_000;
    private static final String MAC = "HmacSHA256";

    private final Duration ttl;
    private final Clock clock;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** What is kept per username. */
    private record Entry(byte[] passwordMac, byte[] storedHashMac, Instant expiresAt) {
    }

    /** A remembered success whose password matched; it still has to be checked against the current row. */
    public final class Candidate {
        private final Entry entry;

        private Candidate(Entry entry) {
            this.entry = entry;
        }

        /** True when the row still carries the hash this success was checked against. */
        public boolean stillMatches(String storedHash) {
            return MessageDigest.isEqual(entry.storedHashMac(), mac("hash", storedHash));
        }
    }

    public CredentialCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, MAC);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public boolean enabled() {
        return !ttl.isZero();
    }

    /** The remembered success for this username and password, if there is one and it has not expired. */
    public Optional<Candidate> candidate(String username, String password) {
        Entry entry = entries.get(username);
        if (entry == null || !enabled()) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(username, entry);
            return Optional.empty();
        }
        return MessageDigest.isEqual(entry.passwordMac(), mac("password", password))
                ? Optional.of(new Candidate(entry)) : Optional.empty();
    }

    /** Records a full check that succeeded against {@code storedHash}. */
    public void remember(String username, String password, String storedHash) {
        if (!enabled()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
            if (entries.size() >= MAX_ENTRIES) {
                return;
            }
        }
        entries.put(username, new Entry(mac("password", password), mac("hash", storedHash), clock.instant().plus(ttl)));
    }

    public void forget(String username) {
        entries.remove(username);
    }

    /**
     * A keyed fingerprint of a username and password, for telling identical concurrent logins apart
     * from different ones without keeping the password.
     */
    public String fingerprint(String username, String password) {
        return java.util.Base64.getEncoder().encodeToString(mac("login", username + '\0' + password));
    }

    private byte[] mac(String purpose, String value) {
        Mac mac = macs.get();
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
