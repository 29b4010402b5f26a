package io.dbsync.api.auth;

import io.dbsync.api.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The before-handler that guards authenticated routes. Every failure — no header, a malformed
 * one, an unknown user, a wrong password, a disabled user — gets the same 401, so a caller cannot
 * tell which it was.
 */
public final class BasicAuthHandler implements Handler {
    /** The attribute under which the authenticated {@link User} is stored on the context. */
    public static final String USER_ATTRIBUTE = "dbsync.user";
    public static final String CHALLENGE = "Basic realm=\"dbsync\", charset=\"UTF-8\"";
    private static final int MAX_HEADER_CHARS = 1024;

    private final Authenticator authenticator;
    private final LoginThrottle throttle;

    public BasicAuthHandler(Authenticator authenticator, LoginThrottle throttle) {
        this.authenticator = authenticator;
        this.throttle = throttle;
    }

    @Override
    public void handle(Context ctx) {
        Optional<Credentials> credentials = credentials(ctx.header("Authorization"));
        if (credentials.isEmpty()) {
            throw unauthorized();
        }
        String username = credentials.get().username();
        Optional<User> user;
        synchronized (throttle.lockFor(username)) {
            Optional<java.time.Duration> blocked = throttle.blockedFor(username);
            if (blocked.isPresent()) {
                long seconds = Math.max(1, (long) Math.ceil(blocked.get().toMillis() / 1000.0));
                throw new ApiException(429, "too many failed logins for this username; retry after " + seconds + " seconds")
                        .withHeader("Retry-After", Long.toString(seconds));
            }
            user = authenticator.authenticate(username, credentials.get().password());
            if (user.isEmpty()) {
                throttle.failed(username);
            } else {
                throttle.succeeded(username);
            }
        }
        if (user.isEmpty()) {
            throw unauthorized();
        }
        ctx.attribute(USER_ATTRIBUTE, user.get());
    }

    /** The 401 every authentication failure becomes. */
    public static ApiException unauthorized() {
        return new ApiException(401, "authentication required").withHeader("WWW-Authenticate", CHALLENGE);
    }

    record Credentials(String username, String password) {
    }

    /** Strict parsing: anything but {@code Basic base64(utf8(user:password))} is empty. */
    static Optional<Credentials> credentials(String header) {
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
        return Optional.of(new Credentials(text.substring(0, colon), text.substring(colon + 1)));
    }
}
