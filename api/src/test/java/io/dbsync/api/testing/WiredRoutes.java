package io.dbsync.api.testing;

import io.dbsync.api.http.ApiServer;
import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The real router, wired but never started or called: the dependencies its routes would use stay null. */
public final class WiredRoutes {
    private WiredRoutes() {
    }

    /** Every HTTP route of the router, with its metadata (roles). */
    public static List<Endpoint> endpoints() {
        Javalin app = ApiServer.create(new ApiServer.Dependencies(null, null, 0, null, null, Duration.ZERO, false,
                Duration.ofMinutes(1), Clock.systemUTC()));
        return app.unsafe.internalRouter.allHttpHandlers().stream().map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod()).toList();
    }
}
