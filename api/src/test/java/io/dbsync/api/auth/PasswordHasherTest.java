package io.dbsync.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(10);

    @Test
    void aHashVerifiesItsPasswordOnly() {
        String hash = hasher.hash("correct horse");

        assertThat(hash).startsWith("$2b$10$");
        assertThat(hasher.matches("correct horse", hash)).isTrue();
        assertThat(hasher.matches("correct horsf", hash)).isFalse();
    }

    @Test
    void the72ByteLimitCountsUtf8BytesNotCharacters() {
        String exactly72Bytes = "é".repeat(36);
        String over72Bytes = "é".repeat(36) + "a";

        assertThat(hasher.matches(exactly72Bytes, hasher.hash(exactly72Bytes))).isTrue();
        assertThatThrownBy(() -> hasher.hash(over72Bytes)).isInstanceOf(InvalidPasswordException.class)
                .hasMessageContaining("73");
        // Two long passwords that share their first 72 bytes must not both be accepted for one hash.
        int acceptedVariants = 0;
        String hash = hasher.hash(exactly72Bytes);
        for (String variant : new String[] {over72Bytes, exactly72Bytes + "b", exactly72Bytes + exactly72Bytes}) {
            acceptedVariants += hasher.matches(variant, hash) ? 1 : 0;
        }
        System.out.println("case=bcrypt-72 acceptedVariants=" + acceptedVariants);
        assertThat(acceptedVariants).isZero();
    }

    @Test
    void tooShortPasswordsAndLowCostsAreRefused() {
        assertThatThrownBy(() -> hasher.hash("short")).isInstanceOf(InvalidPasswordException.class);
        assertThatThrownBy(() -> new PasswordHasher(9)).isInstanceOf(IllegalArgumentException.class);
    }
}
