package io.dbsync.api.auth;

import java.time.Duration;

/** What a login attempt came to; the HTTP guard turns each into its answer. */
public sealed interface LoginOutcome {

    /** The credentials are right and the user is active. */
    record Accepted(User user) implements LoginOutcome {
    }

    /** Wrong, unknown or disabled: one answer for all, so a caller cannot tell which. */
    record Refused() implements LoginOutcome {
    }

    /** Too many failed logins for this username or from this client; no hash was checked. */
    record Throttled(Scope scope, Duration retryAfter) implements LoginOutcome {
    }

    /** Every password-hash slot and the short queue behind them are taken; no hash was checked. */
    record Busy(Duration retryAfter) implements LoginOutcome {
    }

    /** Which limit a {@link Throttled} login hit. */
    enum Scope { USERNAME, CLIENT }
}
