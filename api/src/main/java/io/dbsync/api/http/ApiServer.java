package io.dbsync.api.http;

import io.dbsync.api.Json;
import io.dbsync.api.auth.Authenticator;
import io.dbsync.api.metrics.SyncMetrics;
import io.dbsync.api.sync.SyncService;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;

/** Builds the configured web app; it never starts itself (Main does, tests use it in-process). */
public final class ApiServer {
    /** Request bodies are tiny JSON options; anything larger is refused with 413. */
    static final long MAX_REQUEST_BYTES = 64 * 1024;

    /** What the routes need. */
    public record Dependencies(SyncService syncService, Authenticator authenticator, int trustedProxyHops,
                               Reachability reachability, SyncMetrics metrics, Duration syncWait,
                               boolean syncWithinRequest, Duration maxStaleness, Clock clock) {
    }

    private ApiServer() {
    }

    public static Javalin create(Dependencies deps) {
        BasicAuthGuard auth = new BasicAuthGuard(deps.authenticator(), deps.trustedProxyHops());
        SyncController sync = new SyncController(deps.syncService(), deps.syncWait(), deps.syncWithinRequest());
        RunsController runs = new RunsController(deps.syncService());
        HealthController health = new HealthController(deps.syncService(), deps.reachability(), deps.maxStaleness(),
                deps.clock());
        StatusPageController page = new StatusPageController(deps.syncService(), deps.maxStaleness(), deps.clock());
        OpenApiController openApi = new OpenApiController();
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyJsonErrorHandler()));
            // Every route declares who may call it; the guard runs before each matched one.
            config.routes.beforeMatched(auth);
            // The operator's page shows collection names and errors: as private as /runs.
            config.routes.get("/", page::page, Access.USER);
            config.routes.get("/syncdb", sync::sync, Access.USER);
            config.routes.post("/syncdb", sync::sync, Access.USER);
            config.routes.get("/runs", runs::list, Access.USER);
            config.routes.get("/runs/{id}", runs::one, Access.USER);
            config.routes.get("/health", health::health, Access.OPEN);
            // Open like /health: counts and durations only, no names, hosts or users.
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(deps.metrics().scrape()), Access.OPEN);
            // The contract names routes and fields, no data: open, so tools can fetch it without credentials.
            config.routes.get("/openapi.json", openApi::document, Access.OPEN);
            ErrorMapper.register(config);
        });
    }
}
