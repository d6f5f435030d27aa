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
import java.util.Optional;
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

    /**
     * A verified request: its tenant, source, body, content type and the signature header that proved it (which also
     * names the request when the sender gives it no id of its own).
     */
    public record Verified(String tenant, String source, byte[] body, Optional<String> contentType, String signature) {}

    /** Verifies a request to a route whose path names the source ({@code {source}}) with the source's secret. */
    public Verified verify(Context ctx) {
        return verify(ctx, ctx.pathParam("source"), Optional.empty());
    }

    /**
     * Verifies a request to a route of one source: with the tenant's secret for that source when it has one
     * ({@code /v1/webhook-sources}), else with {@code configured}, the secret the server's configuration gives it.
     */
    public Verified verify(Context ctx, String source, Optional<String> configured) {
        String tenant = ctx.pathParam("tenant");
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
                ? sources.secret(tenant, source).or(() -> configured).orElse("")
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
        return new Verified(tenant, source, body, Optional.ofNullable(ctx.contentType()), header);
    }

    private static ApiError unauthorized(String message) {
        return ApiError.of(401, "unauthorized", message, WebhookSignature.HEADER);
    }
}
