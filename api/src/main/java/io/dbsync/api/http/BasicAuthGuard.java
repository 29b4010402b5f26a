package io.dbsync.api.http;

import io.dbsync.api.auth.Authenticator;
import io.dbsync.api.auth.LoginOutcome;
import io.dbsync.api.auth.User;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs before every matched route and lets it through by its declared {@link Access}: open routes
 * pass, every other route (a route that declares nothing included) needs a user. Every failure —
 * no header, a malformed one, an unknown user, a wrong password, a disabled user — gets the same
 * 401, so a caller cannot tell which it was. Limits answer 429 with {@code Retry-After}, with
 * bodies that do not depend on whether the username exists.
 */
final class BasicAuthGuard implements Handler {
    /** The attribute under which the authenticated {@link User} is stored on the context. */
    static final String USER_ATTRIBUTE = "dbsync.user";
    static final String CHALLENGE = "Basic realm=\"dbsync\", charset=\"UTF-8\"";

    private final Authenticator authenticator;
    private final ClientAddress clients;

    BasicAuthGuard(Authenticator authenticator, int trustedProxyHops) {
        this.authenticator = authenticator;
        this.clients = new ClientAddress(trustedProxyHops);
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
        String client = clients.resolve(ctx.req().getRemoteAddr(),
                java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
        LoginOutcome outcome = authenticator.authenticate(credentials.get().username(), credentials.get().password(), client);
        if (outcome instanceof LoginOutcome.Accepted accepted) {
            ctx.attribute(USER_ATTRIBUTE, accepted.user());
        } else if (outcome instanceof LoginOutcome.Throttled throttled) {
            throw tooMany(throttled.retryAfter(), throttled.scope() == LoginOutcome.Scope.USERNAME
                    ? "too many failed logins for this username" : "too many failed logins from this address");
        } else if (outcome instanceof LoginOutcome.Busy busy) {
            throw tooMany(busy.retryAfter(), "too many logins are being checked at once");
        } else {
            throw unauthorized();
        }
    }

    private static ApiException tooMany(Duration retryAfter, String reason) {
        long seconds = Math.max(1, (long) Math.ceil(retryAfter.toMillis() / 1000.0));
        return new ApiException(429, reason + "; retry after " + seconds + (seconds == 1 ? " second" : " seconds"))
                .withHeader("Retry-After", Long.toString(seconds));
    }

    /** The 401 every authentication failure becomes. */
    static ApiException unauthorized() {
        return new ApiException(401, "authentication required").withHeader("WWW-Authenticate", CHALLENGE);
    }
}
