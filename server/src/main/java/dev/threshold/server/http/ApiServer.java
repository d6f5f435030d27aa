package dev.threshold.server.http;

import dev.threshold.server.auth.Gate;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP server: Javalin on Jetty, with the resources' routes, one error shape for everything (including what
 * Jetty refuses before routing), the body limit, and a graceful stop that lets requests in flight finish.
 */
public final class ApiServer implements AutoCloseable {
    private final Javalin app;
    private final List<Routes.Route> routes;
    private final List<Routes.Route> pages;

    private ApiServer(Javalin app, List<Routes.Route> routes, List<Routes.Route> pages) {
        this.app = app;
        this.routes = routes;
        this.pages = pages;
    }

    /**
     * Starts listening.
     *
     * @param maxBodyBytes the largest request body accepted
     * @param grace how long a stop waits for requests in flight
     */
    public static ApiServer start(
            String host, int port, long maxBodyBytes, Duration grace, Gate gate, List<Resource> resources) {
        List<Routes.Route> table = new ArrayList<>();
        List<Routes.Route> pageTable = new ArrayList<>();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = maxBodyBytes;
            config.http.defaultContentType = "application/json";
            config.router.ignoreTrailingSlashes = true;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(grace.toMillis());
                server.setErrorHandler(new JettyErrors.ServerLevel());
            });
            config.jetty.modifyServletContextHandler(
                    handler -> handler.setErrorHandler(new JettyErrors.ContextLevel()));
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                http.setRequestHeaderSize(16 * 1024);
            });
            // the dashboard's browser libraries (WebJars) and its own stylesheet and script
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/dashboard/assets";
                files.location = Location.CLASSPATH;
                files.headers = java.util.Map.of("Cache-Control", "max-age=3600", "X-Content-Type-Options", "nosniff");
            });
            ErrorBodies.install(config);
            Routes routes = new Routes(config.routes, gate);
            resources.forEach(r -> r.register(routes));
            table.addAll(routes.all());
            pageTable.addAll(routes.pages());
        });
        app.start();
        return new ApiServer(app, List.copyOf(table), List.copyOf(pageTable));
    }

    /** The port it listens on (the chosen one when started on port 0). */
    public int port() {
        return app.port();
    }

    /** Every route, as the resources added them. */
    public List<Routes.Route> routes() {
        return routes;
    }

    /** Every dashboard page. */
    public List<Routes.Route> pages() {
        return pages;
    }

    /** Stops accepting connections, lets requests in flight finish (up to the grace period), then stops. */
    @Override
    public void close() {
        app.stop();
    }
}
