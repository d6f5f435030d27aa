package dev.threshold.server.http;

import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The table of routes: every route is added here with what it needs (a permission, checked by the {@link Gate},
 * or none for the few open routes that check a request their own way), so the table can be compared with the
 * OpenAPI document and each feature adds its routes without knowing about the others. The dashboard adds its
 * pages to the same table, listed apart ({@link #pages()}): they answer HTML to a signed-in person, not JSON to a
 * key, and are not part of the API's document.
 */
public final class Routes {
    /** One route: method, path as Javalin writes it ({@code /v1/contacts/{id}}), and what it needs. */
    public record Route(String method, String path, Optional<Permission> permission) {}

    private final RoutesConfig javalin;
    private final Gate gate;
    private final List<Route> all = new ArrayList<>();
    private final List<Route> pages = new ArrayList<>();

    public Routes(RoutesConfig javalin, Gate gate) {
        this.javalin = javalin;
        this.gate = gate;
    }

    /** A route for callers with an API key whose role grants the permission. */
    public void add(HandlerType method, String path, Permission needed, Handler handler) {
        all.add(new Route(method.name(), path, Optional.of(needed)));
        javalin.addHttpHandler(method, path, ctx -> {
            gate.admit(ctx, needed);
            handler.handle(ctx);
        });
    }

    public void get(String path, Permission needed, Handler handler) {
        add(HandlerType.GET, path, needed, handler);
    }

    public void post(String path, Permission needed, Handler handler) {
        add(HandlerType.POST, path, needed, handler);
    }

    public void put(String path, Permission needed, Handler handler) {
        add(HandlerType.PUT, path, needed, handler);
    }

    public void patch(String path, Permission needed, Handler handler) {
        add(HandlerType.PATCH, path, needed, handler);
    }

    public void delete(String path, Permission needed, Handler handler) {
        add(HandlerType.DELETE, path, needed, handler);
    }

    /** A route without an API key: health, metrics, the API document, and signed webhooks. */
    public void open(HandlerType method, String path, Handler handler) {
        all.add(new Route(method.name(), path, Optional.empty()));
        javalin.addHttpHandler(method, path, handler);
    }

    /** A dashboard page: the handler checks the session itself (see the dashboard's session gate). */
    public void page(HandlerType method, String path, Handler handler) {
        pages.add(new Route(method.name(), path, Optional.empty()));
        javalin.addHttpHandler(method, path, handler);
    }

    /** The API's routes, as its OpenAPI document lists them. */
    public List<Route> all() {
        return List.copyOf(all);
    }

    /** The dashboard's pages. */
    public List<Route> pages() {
        return List.copyOf(pages);
    }
}
