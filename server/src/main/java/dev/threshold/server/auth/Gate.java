package dev.threshold.server.auth;

import dev.threshold.server.http.ApiError;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The door every {@code /v1} route passes: the API key ({@code Authorization: Bearer thr_…}) names the caller and
 * its tenant (401 without a live key), the key's rate is checked (429 with {@code Retry-After}), then its role
 * (403 when it does not allow what the route does). The caller is then on the request for the handler.
 */
public final class Gate {
    private static final String CALLER = "threshold.caller";

    private final ApiKeys keys;
    private final RateLimiter limiter;

    public Gate(ApiKeys keys, RateLimiter limiter) {
        this.keys = keys;
        this.limiter = limiter;
    }

    /** Admits the request for a permission, or throws the 401, 429 or 403 that says why not. */
    public Caller admit(Context ctx, Permission needed) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthorized("this needs an API key: send the header 'Authorization: Bearer thr_...'");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("the Authorization header must be 'Bearer ' followed by an API key");
        }
        Caller caller = keys.authenticate(header.substring(7).trim())
                .orElseThrow(() -> unauthorized("the API key is not valid, or was revoked"));
        OptionalLong wait = limiter.acquire(caller.keyId());
        if (wait.isPresent()) {
            throw ApiError.rateLimited(wait.getAsLong());
        }
        if (!caller.role().allows(needed)) {
            throw ApiError.of(
                    403,
                    "forbidden",
                    "a key with role " + caller.role().id() + " cannot do this; it needs a key with role "
                            + Arrays.stream(Role.values())
                                    .filter(r -> r.allows(needed))
                                    .map(Role::id)
                                    .collect(Collectors.joining(" or ")));
        }
        ctx.attribute(CALLER, caller);
        return caller;
    }

    /** The caller the gate admitted for this request. */
    public static Caller caller(Context ctx) {
        Caller c = ctx.attribute(CALLER);
        if (c == null) {
            throw new IllegalStateException("no caller on a request that did not pass the gate: " + ctx.path());
        }
        return c;
    }

    private static ApiError unauthorized(String message) {
        return ApiError.of(401, "unauthorized", message, "Authorization");
    }
}
