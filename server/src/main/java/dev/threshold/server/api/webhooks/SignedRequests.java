package dev.threshold.server.api.webhooks;

import dev.threshold.runtime.outbox.channel.WebhookSignature;
import dev.threshold.server.auth.RateLimiter;
import dev.threshold.server.auth.Tenants;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Requests;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.OptionalLong;

/**
 * The check every inbound webhook passes instead of an API key: the tenant and source in the path must have a live
 * secret, the {@code Threshold-Signature} header ({@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<source>.<body>">}, the scheme Threshold signs its own webhooks with) must match within the time window,
 * and the same signed request is accepted once: a replay is a 409. A wrong tenant, source, secret or signature is
 * the same 401, so a caller learns nothing from guessing.
 */
public final class SignedRequests {
    private final WebhookSources sources;
    private final RateLimiter limiter;
    private final InstantSource clock;
    private final Duration window;
    private final long maxBody;

    public SignedRequests(
            WebhookSources sources, RateLimiter limiter, InstantSource clock, Duration window, long maxBody) {
        this.sources = sources;
        this.limiter = limiter;
        this.clock = clock;
        this.window = window;
        this.maxBody = maxBody;
    }

    /** A verified request: its tenant, source and body. */
    public record Verified(String tenant, String source, byte[] body) {}

    public Verified verify(Context ctx) {
        String tenant = ctx.pathParam("tenant");
        String source = ctx.pathParam("source");
        OptionalLong wait = limiter.acquire("webhook:" + Requests.clip(tenant, 64) + "/" + Requests.clip(source, 64));
        if (wait.isPresent()) {
            throw ApiError.rateLimited(wait.getAsLong());
        }
        byte[] body = Requests.body(ctx, maxBody);
        String header = ctx.header(WebhookSignature.HEADER);
        if (header == null || header.isBlank()) {
            throw unauthorized("a webhook needs the header " + WebhookSignature.HEADER + ": t=<unix seconds>,v1=<hex"
                    + " HMAC-SHA256 of '<t>.<source>.<body>'>");
        }
        String secret = Tenants.valid(tenant) && source.matches("[a-z0-9][a-z0-9-]{0,62}")
                ? sources.secret(tenant, source).orElse("")
                : "";
        Instant now = clock.instant();
        String text = new String(body, StandardCharsets.UTF_8);
        if (secret.isEmpty()
                || !WebhookSignature.verify(
                        secret.getBytes(StandardCharsets.UTF_8), header, source, text, now, window)) {
            throw unauthorized("the signature does not match this tenant and source, or its timestamp is more than "
                    + window.toSeconds() + " seconds from the server's clock");
        }
        if (!sources.firstReceipt(tenant, source, Requests.clip(header, 300), now.minus(window.multipliedBy(2)))) {
            throw ApiError.conflict("this signed request was already received; a replay is not applied again");
        }
        return new Verified(tenant, source, body);
    }

    private static ApiError unauthorized(String message) {
        return ApiError.of(401, "unauthorized", message, WebhookSignature.HEADER);
    }
}
