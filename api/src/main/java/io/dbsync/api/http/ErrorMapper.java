package io.dbsync.api.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders every error as one JSON shape; details of unexpected failures go to the log only. */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    static void register(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            render(ctx, e.status(), e.getMessage());
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> render(ctx, e.getStatus(), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            Optional<Integer> clientFault = clientFault(e);
            if (clientFault.isPresent()) {
                // A body Jetty could not read (early EOF, bad chunking) is the client's doing, not ours.
                LOG.info("event=http.unreadable_request method={} path={} reason={}", ctx.method(), ctx.path(),
                        e.getClass().getSimpleName());
                render(ctx, clientFault.get(), "the request could not be read");
                return;
            }
            String requestId = UUID.randomUUID().toString();
            LOG.error("event=http.internal_error requestId={} method={} path={}", requestId, ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ErrorResponse("internal error; the service log has the details", 500, null, requestId));
        });
        config.routes.error(404, ctx -> renderIfEmpty(ctx, "no such resource"));
        config.routes.error(405, ctx -> renderIfEmpty(ctx, "method not allowed"));
        config.routes.error(413, ctx -> renderIfEmpty(ctx, "request body too large"));
    }

    /** A 4xx when the failure is Jetty refusing what the client sent, anywhere in the cause chain. */
    static Optional<Integer> clientFault(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.eclipse.jetty.http.HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return Optional.of(http.getCode());
            }
            if (cause instanceof java.io.EOFException) {
                return Optional.of(400);
            }
        }
        return Optional.empty();
    }

    static void render(Context ctx, int status, String message) {
        ctx.status(status).json(ErrorResponse.of(status, message));
    }

    /** Status codes Javalin sets itself get the same JSON shape; a body a handler already wrote stays. */
    private static void renderIfEmpty(Context ctx, String message) {
        if (ctx.result() == null || ctx.result().isEmpty()) {
            render(ctx, ctx.statusCode(), message);
        }
    }
}
