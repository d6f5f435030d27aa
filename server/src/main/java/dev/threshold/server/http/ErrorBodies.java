package dev.threshold.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threshold.runtime.store.StoreException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the API answers has one shape, {@code {"error": {"code", "message", "field"}}} (and {@code problems}
 * when there are several), and never a stack trace or a line of SQL: what went wrong inside is logged with an
 * incident id, and the caller gets the id.
 */
public final class ErrorBodies {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorBodies.class);

    private ErrorBodies() {}

    public static void install(JavalinConfig config) {
        config.routes.exception(ApiError.class, (e, ctx) -> write(ctx, e));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, forStatus(e.getStatus())));
        config.routes.exception(StoreException.class, (e, ctx) -> {
            String incident = incident();
            LOG.error("incident {}: the store failed on {} {}", incident, ctx.method(), ctx.path(), e);
            write(
                    ctx,
                    ApiError.of(
                            503,
                            "unavailable",
                            "the store is not available; try again later (incident " + incident + ")"));
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            String incident = incident();
            LOG.error("incident {}: {} {} failed", incident, ctx.method(), ctx.path(), e);
            write(ctx, ApiError.of(500, "internal", "an unexpected error; it was logged as incident " + incident));
        });
        config.router.javaLangErrorHandler((res, error) -> {
            String incident = incident();
            LOG.error("incident {}: a JVM error while answering", incident, error);
            try {
                res.setStatus(500);
                res.setContentType("application/json");
                res.getOutputStream()
                        .write(body(
                                ApiError.of(500, "internal", "an unexpected error; logged as incident " + incident)));
            } catch (java.io.IOException | IllegalStateException ignored) {
                // the response is already gone; the incident is logged
            }
        });
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            config.routes.error(status, "*", ctx -> {
                if (ctx.resultInputStream() == null) {
                    write(ctx, forStatus(status));
                }
            });
        }
    }

    /** The error for a status Javalin or Jetty decided on, in words a caller can act on. */
    public static ApiError forStatus(int status) {
        return switch (status) {
            case 404 -> ApiError.of(404, "not_found", "no such resource; the routes are listed at /openapi.json");
            case 405 -> ApiError.of(405, "method_not_allowed", "this method is not allowed here; see /openapi.json");
            case 413 -> ApiError.of(413, "payload_too_large", "the request is larger than the server accepts");
            case 414 -> ApiError.of(414, "uri_too_long", "the request URI is too long");
            case 415 -> ApiError.of(415, "unsupported_media_type", "this content type is not accepted here");
            case 431 -> ApiError.of(431, "headers_too_large", "the request headers are too large");
            case 408 -> ApiError.of(408, "timeout", "the request was not received in time");
            default ->
                status >= 500
                        ? ApiError.of(500, "internal", "an unexpected error")
                        : ApiError.of(
                                status >= 400 ? status : 400,
                                "malformed",
                                "the request is malformed (HTTP " + status + ")");
        };
    }

    public static void write(Context ctx, ApiError e) {
        e.headers().forEach(ctx::header);
        ctx.status(e.status()).contentType("application/json").result(body(e));
    }

    /** The JSON error body; {@code field} is always there, null when the error is about no one field. */
    public static byte[] body(ApiError e) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", e.code());
        error.put("message", e.getMessage());
        error.put("field", e.field().orElse(null));
        if (e.problems().size() > 1) {
            ArrayNode problems = error.putArray("problems");
            for (ApiError.Problem p : e.problems()) {
                problems.addObject()
                        .put("code", p.code())
                        .put("message", p.message())
                        .put("field", p.field().orElse(null));
            }
        }
        return Json.write(root);
    }

    private static String incident() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
