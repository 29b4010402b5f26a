package io.dbsync.api.http;

import io.dbsync.api.auth.Authenticator;
import io.dbsync.api.auth.LoginThrottle;
import io.dbsync.api.auth.User;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs before every matched route and lets it through by its declared {@link Access}: open routes
 * pass, every other route (a route that declares nothing included) needs a user. Every failure —
 * no header, a malformed one, an unknown user, a wrong password, a disabled user — gets the same
 * 401, so a caller cannot tell which it was.
 */
final class BasicAuthGuard implements Handler {
    /** The attribute under which the authenticated {@link User} is stored on the context. */
    static final String USER_ATTRIBUTE = "dbsync.user";
    static final String CHALLENGE = "Basic realm=\"dbsync\", charset=\"UTF-8\"";

    private final Authenticator authenticator;
    private final LoginThrottle throttle;

    BasicAuthGuard(Authenticator authenticator, LoginThrottle throttle) {
        this.authenticator = authenticator;
        this.throttle = throttle;
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.routeRoles().equals(java.util.Set.of(Access.OPEN))) {
            return;
        }
        Optional<BasicCredentials> credentials = BasicCredentials.parse(ctx.header("Authorization"));
        if (credentials.isEmpty()) {
            throw unauthorized();
        }
        String username = credentials.get().username();
        Optional<User> user;
        synchronized (throttle.lockFor(username)) {
            Optional<Duration> blocked = throttle.blockedFor(username);
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
    static ApiException unauthorized() {
        return new ApiException(401, "authentication required").withHeader("WWW-Authenticate", CHALLENGE);
    }
}
