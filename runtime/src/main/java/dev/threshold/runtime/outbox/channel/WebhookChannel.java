package dev.threshold.runtime.outbox.channel;

import dev.threshold.engine.journey.Channel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;

/**
 * Posts a journey's webhook step to its endpoint as JSON, signed with HMAC-SHA256 and a timestamp
 * ({@link WebhookSignature}), with the message key as {@code Idempotency-Key} so the receiver can drop a repeat.
 * 2xx is delivered; 408, 429 and 5xx are tried again; any other status is refused and dead-lettered.
 */
public final class WebhookChannel implements ChannelAdapter {
    private final HttpClient http;
    private final byte[] secret;
    private final InstantSource clock;
    private final Duration timeout;

    public WebhookChannel(HttpClient http, byte[] secret, InstantSource clock, Duration timeout) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("a webhook secret needs at least 16 bytes");
        }
        this.http = http;
        this.secret = secret.clone();
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.WEBHOOK);
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        URI endpoint;
        try {
            endpoint = URI.create(m.to());
            if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
                return new DeliveryResult.Refused("'" + m.to() + "' is not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            return new DeliveryResult.Refused("'" + m.to() + "' is not a URL: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", m.key())
                .header("Threshold-Message-Key", m.key())
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, clock.instant(), m.key(), m.body()))
                .POST(HttpRequest.BodyPublishers.ofString(m.body(), StandardCharsets.UTF_8))
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return new DeliveryResult.Delivered("HTTP " + status);
            }
            if (status == 408 || status == 429 || status >= 500) {
                return new DeliveryResult.Retry("HTTP " + status + " from " + endpoint);
            }
            return new DeliveryResult.Refused("HTTP " + status + " from " + endpoint);
        } catch (IOException e) {
            return new DeliveryResult.Retry("cannot reach " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.Retry("interrupted while posting to " + endpoint);
        }
    }
}
