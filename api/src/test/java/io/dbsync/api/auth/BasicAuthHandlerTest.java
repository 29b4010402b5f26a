package io.dbsync.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthHandlerTest {

    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesUserAndPasswordSplittingAtTheFirstColon() {
        assertThat(BasicAuthHandler.credentials(basic("alice:pa:ss")))
                .contains(new BasicAuthHandler.Credentials("alice", "pa:ss"));
        assertThat(BasicAuthHandler.credentials("basic " + Base64.getEncoder().encodeToString("ü:ö".getBytes(StandardCharsets.UTF_8))))
                .contains(new BasicAuthHandler.Credentials("ü", "ö"));
    }

    @Test
    void anythingMalformedIsEmptyNeverAnException() {
        assertThat(BasicAuthHandler.credentials(null)).isEmpty();
        assertThat(BasicAuthHandler.credentials("")).isEmpty();
        assertThat(BasicAuthHandler.credentials("Basic")).isEmpty();
        assertThat(BasicAuthHandler.credentials("Basic %%%")).isEmpty();
        assertThat(BasicAuthHandler.credentials(basic("no-colon"))).isEmpty();
        assertThat(BasicAuthHandler.credentials(basic(":password-only"))).isEmpty();
        assertThat(BasicAuthHandler.credentials(basic("a\0b:c"))).isEmpty();
        assertThat(BasicAuthHandler.credentials("Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, ':', 'x'}))).isEmpty();
        assertThat(BasicAuthHandler.credentials("Digest username=alice")).isEmpty();
        assertThat(BasicAuthHandler.credentials("Basic " + "QUFB".repeat(400))).isEmpty();
    }
}
