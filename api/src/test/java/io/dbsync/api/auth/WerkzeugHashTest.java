package io.dbsync.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.testing.WerkzeugVectors;
import io.dbsync.api.testing.WerkzeugVectors.Vector;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** werkzeug's own hashes (test resources werkzeug/, made by werkzeug 2.2.2 and 3.1.8) check as werkzeug checks them. */
class WerkzeugHashTest {

    static List<Vector> vectors() {
        return WerkzeugVectors.all();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void acceptsTheRightPasswordAndRefusesAnother(Vector vector) {
        WerkzeugHash hash = WerkzeugHash.parse(vector.hash()).orElseThrow();

        assertThat(hash.matches(vector.password())).isTrue();
        assertThat(hash.matches(vector.password() + "!")).isFalse();
        String[] method = vector.method().split(":");
        assertThat(hash.format()).isEqualTo(method[0].equals("scrypt") ? "scrypt" : method[0] + ":" + method[1]);
    }

    @Test
    void theVectorsCoverEveryFormatTheIssueNames() {
        assertThat(vectors()).extracting(Vector::method).contains("pbkdf2:sha256", "pbkdf2:sha1", "scrypt");
        assertThat(vectors()).extracting(Vector::werkzeug).contains("2.2.2", "3.1.8");
    }

    @Test
    void aFlippedDigitInTheStoredHashNoLongerMatches() {
        Vector vector = vectors().stream().filter(v -> v.method().equals("pbkdf2:sha256:1000")).findFirst().orElseThrow();
        String stored = vector.hash();
        char last = stored.charAt(stored.length() - 1);
        String flipped = stored.substring(0, stored.length() - 1) + (last == '0' ? '1' : '0');

        assertThat(WerkzeugHash.parse(flipped).orElseThrow().matches(vector.password())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "sha256$salt$abcd", "pbkdf2:md5:1000$salt$00", "pbkdf2:sha256$salt$00",
            "pbkdf2:sha256:0$salt$" + "00000000000000000000000000000000000000000000000000000000000000ff",
            "pbkdf2:sha256:1000$salt$nothex", "pbkdf2:sha256:1000$$00", "scrypt:1000:8:1$salt$00",
            "scrypt:1048576:8:1$salt$00", "$2b$12$notreallybcrypt", "pbkdf2:sha256:99999999999$s$00"})
    void refusesWhatWerkzeugDidNotWriteOrWhatWouldCostTooMuch(String stored) {
        assertThat(WerkzeugHash.parse(stored)).isEmpty();
    }

    @Test
    void neverPrintsItsSaltOrDigest() {
        Stream.of(vectors().get(0)).forEach(vector ->
                assertThat(WerkzeugHash.parse(vector.hash()).orElseThrow().toString())
                        .doesNotContain(vector.hash().substring(vector.hash().indexOf('$'))));
    }
}
