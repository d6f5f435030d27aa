package dev.threshold.server.dashboard;

import io.javalin.http.Context;
import java.util.Map;

/** An error as a page: the status and a sentence that says what to do, in the dashboard's frame. */
public final class ErrorPage {
    private ErrorPage() {}

    public static void render(Context ctx, int status, String message) {
        String title = switch (status) {
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 400, 422 -> "Please check what you entered";
            case 409 -> "Already changed";
            default -> "Something went wrong";
        };
        View.render(ctx, status, "error.jte", Map.of("status", status, "title", title, "message", message));
    }
}
