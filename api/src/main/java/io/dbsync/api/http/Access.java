package io.dbsync.api.http;

import io.javalin.security.RouteRole;

/** Who may call a route. Every route declares one; {@link BasicAuthGuard} treats a route without one as {@link #USER}. */
public enum Access implements RouteRole {
    /** No credentials: health and metrics, which name no host, user or collection. */
    OPEN,
    /** An active user with a valid password (HTTP Basic). */
    USER
}
