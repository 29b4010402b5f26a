package io.dbsync.scheduler;

import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** One HTTP answer: status, headers and the raw body (decoded only on request, strictly). */
record HttpReply(int status, HttpHeaders headers, byte[] body) {

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The body as UTF-8; invalid bytes are an error, not replacement characters (RFC 8259 §8.1). */
    String text() throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
    }

    /** Retry-After in delta-seconds, if the peer sent one (the HTTP-date form is ignored). */
    Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
