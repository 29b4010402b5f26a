package io.dbsync.api.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt hashing. bcrypt reads only the first 72 bytes of a password, so a longer one is refused
 * when it is set rather than silently truncated; the limit counts UTF-8 bytes, not characters.
 */
public final class PasswordHasher {
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MIN_PASSWORD_CHARS = 8;

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.strict(VERSION));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.strict(VERSION));

    public PasswordHasher(int cost) {
        if (cost < 10 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be between 10 and 31");
        }
        this.cost = cost;
    }

    public int cost() {
        return cost;
    }

    /** Hashes a new password after checking it is acceptable. */
    public String hash(String password) {
        checkAcceptable(password);
        return hasher.hashToString(cost, password.toCharArray());
    }

    /**
     * Hashes a password that already proved right against a legacy hash (the seed's users), so it
     * is kept even when it is shorter than today's minimum; over 72 bytes it cannot be kept.
     */
    public String rehash(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES || password.indexOf('\0') >= 0
                || password.isEmpty()) {
            throw new InvalidPasswordException("this password cannot be kept as a bcrypt hash (empty, NUL or over "
                    + MAX_PASSWORD_BYTES + " bytes)");
        }
        return hasher.hashToString(cost, password.toCharArray());
    }

    /** True for the bcrypt hashes this class writes and checks ({@code $2a$}, {@code $2b$}, {@code $2y$}). */
    public static boolean isBcrypt(String hash) {
        return hash != null && hash.length() == 60 && hash.startsWith("$2")
                && (hash.charAt(2) == 'a' || hash.charAt(2) == 'b' || hash.charAt(2) == 'y') && hash.charAt(3) == '$';
    }

    /** Throws {@link InvalidPasswordException} when a password may not be set. */
    public static void checkAcceptable(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_CHARS) {
            throw new InvalidPasswordException("a password needs at least " + MIN_PASSWORD_CHARS + " characters");
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PASSWORD_BYTES) {
            throw new InvalidPasswordException("a password may be at most " + MAX_PASSWORD_BYTES
                    + " bytes in UTF-8 (bcrypt ignores the rest); this one is " + bytes);
        }
        if (password.indexOf('\0') >= 0) {
            throw new InvalidPasswordException("a password may not contain a NUL character");
        }
    }

    /** True when {@code password} matches {@code hash}; a too-long password simply does not match. */
    public boolean matches(String password, String hash) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PASSWORD_BYTES) {
            // Still spend one bcrypt so the answer takes as long as any other wrong password.
            verifyer.verify(new byte[] {'x'}, hash.getBytes(StandardCharsets.UTF_8));
            return false;
        }
        return verifyer.verify(bytes, hash.getBytes(StandardCharsets.UTF_8)).verified;
    }
}
