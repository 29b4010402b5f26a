package io.dbsync.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A password hash written by werkzeug's {@code generate_password_hash} — what the seed (the Flask
 * app dbsync replaces) stored: {@code pbkdf2:<digest>:<iterations>$<salt>$<hex>} or
 * {@code scrypt:<n>:<r>:<p>$<salt>$<hex>}. The salt is used as its UTF-8 text, as werkzeug does.
 * PBKDF2 comes from the JDK; scrypt from BouncyCastle (the JDK has none).
 *
 * <p>Parameters are bounded so that a strange row cannot make one check take minutes or gigabytes.
 */
public record WerkzeugHash(String kdf, String digest, int iterations, int n, int r, int p, byte[] salt, byte[] expected) {
    private static final Map<String, String> PBKDF2 = Map.of(
            "sha1", "PBKDF2WithHmacSHA1", "sha224", "PBKDF2WithHmacSHA224", "sha256", "PBKDF2WithHmacSHA256",
            "sha384", "PBKDF2WithHmacSHA384", "sha512", "PBKDF2WithHmacSHA512");
    /** werkzeug keeps hashlib's default key length: the digest's size. */
    private static final Map<String, Integer> DIGEST_BYTES = Map.of(
            "sha1", 20, "sha224", 28, "sha256", 32, "sha384", 48, "sha512", 64);
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final long MAX_SCRYPT_BYTES = 256L * 1024 * 1024;
    private static final int SCRYPT_KEY_BYTES = 64;

    /** The stored hash as werkzeug wrote it, or empty when it is not one dbsync can check. */
    public static Optional<WerkzeugHash> parse(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        String[] method = parts[0].split(":", -1);
        byte[] salt = parts[1].getBytes(StandardCharsets.UTF_8);
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(parts[2].toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            if (method.length == 3 && method[0].equals("pbkdf2") && PBKDF2.containsKey(method[1])) {
                int iterations = Integer.parseInt(method[2]);
                boolean sane = iterations >= 1 && iterations <= MAX_ITERATIONS
                        && expected.length == DIGEST_BYTES.get(method[1]);
                return !sane ? Optional.empty()
                        : Optional.of(new WerkzeugHash("pbkdf2", method[1], iterations, 0, 0, 0, salt, expected));
            }
            if (method.length == 4 && method[0].equals("scrypt")) {
                int n = Integer.parseInt(method[1]);
                int r = Integer.parseInt(method[2]);
                int p = Integer.parseInt(method[3]);
                boolean sane = n > 1 && Integer.bitCount(n) == 1 && r >= 1 && p >= 1 && p <= 16
                        && 128L * n * r <= MAX_SCRYPT_BYTES && expected.length == SCRYPT_KEY_BYTES;
                return sane ? Optional.of(new WerkzeugHash("scrypt", null, 0, n, r, p, salt, expected)) : Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The method without its secrets, for logs and {@code users list}: {@code pbkdf2:sha256} or {@code scrypt}. */
    public String format() {
        return digest == null ? kdf : kdf + ":" + digest;
    }

    /** True when {@code password} is the one this hash was made from; compared in constant time. */
    public boolean matches(String password) {
        byte[] actual = kdf.equals("scrypt") ? scrypt(password) : pbkdf2(password);
        return actual != null && MessageDigest.isEqual(actual, expected);
    }

    private byte[] scrypt(String password) {
        return SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), salt, n, r, p, SCRYPT_KEY_BYTES);
    }

    private byte[] pbkdf2(String password) {
        if (password.isEmpty()) {
            return null; // the JDK refuses an empty password; werkzeug's hash of one is not worth a special case
        }
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, expected.length * 8);
        try {
            // The JDK's PBKDF2 turns the password into bytes as UTF-8, which is what werkzeug hashes.
            return SecretKeyFactory.getInstance(PBKDF2.get(digest)).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            return null;
        } finally {
            spec.clearPassword();
            java.util.Arrays.fill(chars, '\0');
        }
    }

    @Override
    public String toString() {
        return "WerkzeugHash[" + format() + "]";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
