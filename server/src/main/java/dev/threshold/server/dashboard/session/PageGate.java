package dev.threshold.server.dashboard.session;

import dev.threshold.runtime.store.StoreException;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.dashboard.ErrorPage;
import dev.threshold.server.http.ApiError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of every dashboard page. Without an open session a page redirects to the sign-in (with where to come
 * back to); with one, the session's key must allow what the page does (403 otherwise), and a form sent to it must
 * carry the session's CSRF token (403 otherwise). Errors become an HTML page with the status, never a stack trace.
 */
public final class PageGate {
    /** The session cookie: HttpOnly, SameSite=Strict, the whole site. */
    public static final String COOKIE = "thr_session";
    /** The form field, or header for htmx, that carries the CSRF token. */
    public static final String CSRF_FIELD = "_csrf";

    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Logger LOG = LoggerFactory.getLogger(PageGate.class);

    private final Sessions sessions;

    public PageGate(Sessions sessions) {
        this.sessions = sessions;
    }

    /** What a page does once it is let in. */
    @FunctionalInterface
    public interface Page {
        void handle(Context ctx, Sessions.Session session) throws Exception;
    }

    /** A page for signed-in people whose key allows {@code needed}. */
    public Handler page(Permission needed, Page page) {
        return ctx -> {
            secure(ctx);
            try {
                var session = sessions.find(ctx.cookie(COOKIE));
                if (session.isEmpty()) {
                    toSignIn(ctx);
                    return;
                }
                if (!session.get().caller().role().allows(needed)) {
                    throw ApiError.of(
                            403,
                            "forbidden",
                            "Your key's role (" + session.get().caller().role().id() + ") cannot do this.");
                }
                if (ctx.method() != HandlerType.GET && !csrfOk(ctx, session.get())) {
                    throw ApiError.of(
                            403,
                            "forbidden",
                            "This form is out of date or did not come from the dashboard. Go back, reload the page"
                                    + " and try again.");
                }
                page.handle(ctx, session.get());
            } catch (ApiError e) {
                ErrorPage.render(ctx, e.status(), e.getMessage());
            } catch (StoreException e) {
                String incident = incident();
                LOG.error("incident {}: the store failed on {} {}", incident, ctx.method(), ctx.path(), e);
                ErrorPage.render(
                        ctx, 503, "The store is not available; try again shortly (incident " + incident + ").");
            } catch (Exception e) {
                String incident = incident();
                LOG.error("incident {}: {} {} failed", incident, ctx.method(), ctx.path(), e);
                ErrorPage.render(
                        ctx, 500, "Something went wrong on our side; it was logged as incident " + incident + ".");
            }
        };
    }

    private static boolean csrfOk(Context ctx, Sessions.Session s) {
        String presented = ctx.header(CSRF_HEADER);
        if (presented == null) {
            presented = ctx.formParam(CSRF_FIELD);
        }
        return Sessions.csrfMatches(s, presented);
    }

    private static void toSignIn(Context ctx) {
        String next = ctx.method() == HandlerType.GET ? ctx.path() + query(ctx) : "/";
        String target = "/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        if (ctx.header("HX-Request") != null) {
            ctx.header("HX-Redirect", target).status(204);
            return;
        }
        ctx.redirect(target, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static String query(Context ctx) {
        return ctx.queryString() == null ? "" : "?" + ctx.queryString();
    }

    /** Headers every page carries: no framing, no sniffing, no referrer, scripts only from this server. */
    public static void secure(Context ctx) {
        ctx.header(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                        + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    private static String incident() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
