package io.dbsync.api.http;

import io.dbsync.api.auth.Authenticator;
import io.dbsync.api.auth.BasicAuthHandler;
import io.dbsync.api.sync.SyncService;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;

/** Builds the configured web app; it never starts itself (Main does, tests use it in-process). */
public final class ApiServer {
    /** Request bodies are tiny JSON options; anything larger is refused with 413. */
    static final long MAX_REQUEST_BYTES = 64 * 1024;
    static final Duration MAX_STALENESS = Duration.ofHours(24);

    private ApiServer() {
    }

    public static Javalin create(SyncService syncService, Authenticator authenticator, Duration syncWait, Clock clock) {
        BasicAuthHandler auth = new BasicAuthHandler(authenticator);
        SyncController sync = new SyncController(syncService, syncWait);
        RunsController runs = new RunsController(syncService);
        HealthController health = new HealthController(syncService, MAX_STALENESS, clock);
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.prefer405over404 = true;
            config.routes.before("/syncdb", auth);
            config.routes.before("/runs", auth);
            config.routes.before("/runs/{id}", auth);
            config.routes.get("/syncdb", sync::sync);
            config.routes.post("/syncdb", sync::sync);
            config.routes.get("/runs", runs::list);
            config.routes.get("/runs/{id}", runs::one);
            config.routes.get("/health", health::health);
            ErrorMapper.register(config);
        });
    }
}
