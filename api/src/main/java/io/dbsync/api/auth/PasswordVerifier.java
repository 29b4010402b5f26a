package io.dbsync.api.auth;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a password against whatever the users table holds: a bcrypt hash (dbsync's own) or a
 * werkzeug hash adopted from the seed. A hash in any other format is refused, and the log names
 * the user (never the hash), so an operator can reset that password.
 */
public final class PasswordVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordVerifier.class);

    /** The outcome of one check. */
    public enum Verdict {
        MATCH,
        /** Right, but against a legacy hash that should now be replaced by bcrypt. */
        MATCH_LEGACY,
        NO_MATCH
    }

    private final PasswordHasher hasher;
    private final AuthStats stats;
    private final String dummyHash;

    public PasswordVerifier(PasswordHasher hasher, AuthStats stats, String dummyHash) {
        this.hasher = hasher;
        this.stats = stats;
        this.dummyHash = dummyHash;
    }

    /** Checks {@code password} against {@code storedHash}, which belongs to {@code username} (for the log only). */
    public Verdict verify(String username, String password, String storedHash) {
        if (PasswordHasher.isBcrypt(storedHash)) {
            stats.bcryptCheck();
            return hasher.matches(password, storedHash) ? Verdict.MATCH : Verdict.NO_MATCH;
        }
        Optional<WerkzeugHash> legacy = WerkzeugHash.parse(storedHash);
        if (legacy.isPresent()) {
            stats.legacyCheck();
            return legacy.get().matches(password) ? Verdict.MATCH_LEGACY : Verdict.NO_MATCH;
        }
        LOG.warn("event=auth.unknown_hash_format user={} action=\"set a new password: dbsync users passwd {}\"",
                username, username);
        // The same bcrypt an unknown user costs, so this refusal takes as long as any other.
        stats.bcryptCheck();
        hasher.matches(password, dummyHash);
        return Verdict.NO_MATCH;
    }

    /** How a stored hash is kept, for {@code users list}: {@code bcrypt}, {@code legacy pbkdf2:sha256}, … or {@code unknown}. */
    public static String describe(String storedHash) {
        if (PasswordHasher.isBcrypt(storedHash)) {
            return "bcrypt";
        }
        return WerkzeugHash.parse(storedHash).map(hash -> "legacy " + hash.format()).orElse("unknown");
    }
}
