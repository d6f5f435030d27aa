package dev.threshold.server.dashboard.session;

import dev.threshold.server.auth.Permission;
import dev.threshold.server.auth.RateLimiter;
import dev.threshold.server.dashboard.ErrorPage;
import dev.threshold.server.dashboard.View;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in with an API key and out again. The sign-in form is protected like every other form: it carries a
 * token that must match a cookie set with the form (double submit), so another site cannot sign a browser in
 * with its own key. A wrong key says so without saying why; attempts are rate limited per address.
 */
public final class SignIn implements Resource {
    private static final String FORM_COOKIE = "thr_signin";

    private final Sessions sessions;
    private final PageGate gate;
    private final RateLimiter attempts;

    public SignIn(Sessions sessions, PageGate gate, InstantSource clock) {
        this.sessions = sessions;
        this.gate = gate;
        this.attempts = new RateLimiter(0.5, 10, clock);
    }

    @Override
    public void register(Routes routes) {
        routes.page(HandlerType.GET, "/sign-in", this::form);
        routes.page(HandlerType.POST, "/sign-in", this::signIn);
        routes.page(HandlerType.POST, "/sign-out", gate.page(Permission.READ, this::signOut));
    }

    private void form(Context ctx) {
        PageGate.secure(ctx);
        if (sessions.find(ctx.cookie(PageGate.COOKIE)).isPresent()) {
            ctx.redirect(next(ctx.queryParam("next")), HttpStatus.SEE_OTHER);
            return;
        }
        show(ctx, 200, Optional.empty());
    }

    private void show(Context ctx, int status, Optional<String> problem) {
        String token = sessions.token();
        ctx.cookie(cookie(ctx, FORM_COOKIE, token, 600));
        Map<String, Object> params = new HashMap<>();
        params.put("csrf", token);
        params.put("next", next(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next")));
        params.put("problem", problem.orElse(""));
        View.render(ctx, status, "signin.jte", params);
    }

    private void signIn(Context ctx) {
        PageGate.secure(ctx);
        String expected = ctx.cookie(FORM_COOKIE);
        String presented = ctx.formParam(PageGate.CSRF_FIELD);
        if (expected == null
                || presented == null
                || !java.security.MessageDigest.isEqual(
                        expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        presented.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            ErrorPage.render(ctx, 403, "The sign-in form is out of date. Open the sign-in page again.");
            return;
        }
        if (attempts.acquire("sign-in " + ctx.ip()).isPresent()) {
            show(ctx, 429, Optional.of("Too many attempts from this address; wait a minute and try again."));
            return;
        }
        String key = Optional.ofNullable(ctx.formParam("api_key")).orElse("");
        if (key.isBlank() || key.length() > 200) {
            show(ctx, 422, Optional.of("Enter an API key: it starts with thr_."));
            return;
        }
        Optional<Sessions.Session> session = sessions.open(key);
        if (session.isEmpty()) {
            show(ctx, 401, Optional.of("That key is not valid, or it was revoked."));
            return;
        }
        ctx.removeCookie(FORM_COOKIE, "/");
        ctx.cookie(cookie(ctx, PageGate.COOKIE, session.get().token(), -1));
        ctx.redirect(next(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx, Sessions.Session session) {
        sessions.close(session.token());
        ctx.removeCookie(PageGate.COOKIE, "/");
        ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    }

    /** Only a path of this site: never an address elsewhere ("//evil.example", "https://…"). */
    static String next(String requested) {
        if (requested == null
                || !requested.startsWith("/")
                || requested.startsWith("//")
                || requested.contains("\\")
                || requested.startsWith("/sign-")) {
            return "/";
        }
        return requested;
    }

    private static Cookie cookie(Context ctx, String name, String value, int maxAge) {
        boolean secure =
                "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return new Cookie(name, value, "/", maxAge, secure, true, null, SameSite.STRICT);
    }
}
