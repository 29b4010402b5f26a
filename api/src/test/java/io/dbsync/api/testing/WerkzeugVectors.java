package io.dbsync.api.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The password hashes werkzeug itself made (test resource {@code werkzeug/vectors.tsv}; its README says how). */
public final class WerkzeugVectors {

    /** One hash: the method asked for, the password, the hash werkzeug wrote, and werkzeug's version. */
    public record Vector(String method, String password, String hash, String werkzeug) {
        @Override
        public String toString() {
            return method + " by werkzeug " + werkzeug + " (" + password.length() + " chars)";
        }
    }

    private WerkzeugVectors() {
    }

    public static List<Vector> all() {
        try (InputStream in = WerkzeugVectors.class.getResourceAsStream("/werkzeug/vectors.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("\t"))
                    .map(f -> new Vector(f[0], f[1].replace("\\t", "\t").replace("\\\\", "\\"), f[2], f[3]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first vector made with {@code method} by werkzeug {@code version}. */
    public static Vector first(String method, String version) {
        return all().stream().filter(v -> v.method().equals(method) && v.werkzeug().equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError("no vector " + method + " by werkzeug " + version));
    }
}
