package io.dbsync.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

class BasicCredentialsTest {

    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesUserAndPasswordSplittingAtTheFirstColon() {
        assertThat(BasicCredentials.parse(basic("alice:pa:ss")))
                .contains(new BasicCredentials("alice", "pa:ss"));
        assertThat(BasicCredentials.parse("basic " + Base64.getEncoder().encodeToString("ü:ö".getBytes(StandardCharsets.UTF_8))))
                .contains(new BasicCredentials("ü", "ö"));
    }

    @Test
    void anythingMalformedIsEmptyNeverAnException() {
        assertThat(BasicCredentials.parse(null)).isEmpty();
        assertThat(BasicCredentials.parse("")).isEmpty();
        assertThat(BasicCredentials.parse("Basic")).isEmpty();
        assertThat(BasicCredentials.parse("Basic %%%")).isEmpty();
        assertThat(BasicCredentials.parse(basic("no-colon"))).isEmpty();
        assertThat(BasicCredentials.parse(basic(":password-only"))).isEmpty();
        assertThat(BasicCredentials.parse(basic("a\0b:c"))).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, ':', 'x'}))).isEmpty();
        assertThat(BasicCredentials.parse("Digest username=alice")).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + "QUFB".repeat(400))).isEmpty();
    }
}
