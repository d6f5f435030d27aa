package dev.threshold.server.http;

import io.javalin.http.Context;

/** Writes JSON responses. */
public final class Respond {
    private Respond() {}

    public static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    public static void ok(Context ctx, Object body) {
        json(ctx, 200, body);
    }

    /** A page as {@code {"items": [...], "next_cursor": "..."}}. */
    public static void page(Context ctx, PageRequest.Page<?> page) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("items", page.items());
        page.nextCursor().ifPresent(c -> body.put("next_cursor", c));
        ok(ctx, body);
    }
}
