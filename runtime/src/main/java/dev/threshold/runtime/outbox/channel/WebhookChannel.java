package dev.threshold.runtime.outbox.channel;

import dev.threshold.engine.journey.Channel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;

/**
 * Posts a journey's webhook step to its endpoint as JSON, signed with HMAC-SHA256 and a timestamp
 * ({@link WebhookSignature}), with the message key as {@code Idempotency-Key} so the receiver can drop a repeat.
 * Each attempt is signed when it is made, so a retry hours later still falls within the receiver's tolerance.
 * 2xx is delivered; 408, 429, 5xx, a timeout or a broken connection are tried again by the dispatcher's backoff;
 * any other status is refused and dead-lettered. Redirects are not followed. The receiver's answer, shortened, goes
 * into the reason the delivery log records.
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
                .header("User-Agent", "Threshold-Webhooks/1")
                .header("Idempotency-Key", m.key())
                .header("Threshold-Message-Key", m.key())
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, clock.instant(), m.key(), m.body()))
                .POST(HttpRequest.BodyPublishers.ofString(m.body(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new DeliveryResult.Delivered("HTTP " + status + " from " + endpoint);
            }
            String said = "HTTP " + status + " from " + endpoint + said(response.body());
            if (status == 408 || status == 429 || status >= 500) {
                return new DeliveryResult.Retry(said);
            }
            return new DeliveryResult.Refused(said);
        } catch (HttpTimeoutException e) {
            return new DeliveryResult.Retry(endpoint + " did not answer within " + timeout);
        } catch (IOException e) {
            return new DeliveryResult.Retry("cannot reach " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.Retry("interrupted while posting to " + endpoint);
        }
    }

    private static String said(String body) {
        String one = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (one.isEmpty()) {
            return "";
        }
        return ": " + (one.length() > 300 ? one.substring(0, 300) + "…" : one);
    }
}
