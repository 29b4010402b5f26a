package io.dbsync.api.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** A username and password from an {@code Authorization: Basic} header. */
record BasicCredentials(String username, String password) {
    private static final int MAX_HEADER_CHARS = 1024;

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + "]";
    }

    /** Strict parsing: anything but {@code Basic base64(utf8(user:password))} is empty. */
    static Optional<BasicCredentials> parse(String header) {
        if (header == null || header.length() > MAX_HEADER_CHARS || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || text.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(text.substring(0, colon), text.substring(colon + 1)));
    }
}
