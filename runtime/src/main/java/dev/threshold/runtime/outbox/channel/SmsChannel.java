package dev.threshold.runtime.outbox.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.journey.Channel;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sends texts through an HTTP SMS provider shaped like the common ones: a form post of {@code To}, {@code From},
 * {@code Body} (and {@code StatusCallback}) to {@code <base URL>/accounts/<account>/messages} with HTTP Basic
 * authentication (account and token), answered with JSON carrying the message's id ({@code id} or {@code sid}).
 * The community's account is used where it has one. The message key goes as {@code Idempotency-Key}, so the
 * provider drops a repeat; and a key the provider already accepted is answered from {@link AcceptedSends} without
 * a second request. The segments a text takes are counted before it is sent, refused above the limit, and
 * recorded with the send.
 *
 * <p>2xx is delivered; 408, 429, 5xx, a timeout or a broken connection are tried again by the dispatcher's
 * backoff; any other status is refused and dead-lettered with the provider's words.
 */
public final class SmsChannel implements ChannelAdapter {
    private final ChannelSettings.Sms settings;
    private final HttpClient http;
    private final AcceptedSends sends;
    private final InstantSource clock;

    public SmsChannel(ChannelSettings.Sms settings, HttpClient http, AcceptedSends sends, InstantSource clock) {
        this.settings = settings;
        this.http = http;
        this.sends = sends;
        this.clock = clock;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.SMS);
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        Optional<AcceptedSends.Accepted> before = sends.find(m.tenant(), m.key());
        if (before.isPresent()) {
            return new DeliveryResult.AlreadyDelivered("the provider accepted key " + m.key() + " before, as "
                    + before.get().providerId());
        }
        String to = m.to().replaceAll("[^+0-9]", "");
        if (!to.matches("\\+[1-9][0-9]{7,14}")) {
            return new DeliveryResult.Refused("'" + m.to() + "' is not a phone number in E.164 form");
        }
        Optional<ChannelSettings.SmsAccount> account = settings.accountFor(m.communityId());
        if (account.isEmpty()) {
            return new DeliveryResult.Refused(
                    "no SMS account for community " + m.communityId().orElse("(none)") + " and no default account");
        }
        SmsSegments.Count count = SmsSegments.count(m.body());
        if (count.segments() > settings.maxSegments()) {
            return new DeliveryResult.Refused(
                    "the text takes " + count.describe() + "; the limit is " + settings.maxSegments() + " segments");
        }
        return post(m, to, account.get(), count);
    }

    private DeliveryResult post(
            OutboundMessage m, String to, ChannelSettings.SmsAccount account, SmsSegments.Count count) {
        URI endpoint = URI.create(stripSlash(account.baseUrl().toString())
                + settings.messagesPath().replace("{account}", urlEncode(account.account())));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put("From", account.fromNumber());
        form.put("Body", m.body());
        settings.statusCallbackUrl().ifPresent(u -> form.put("StatusCallback", u.replace("{tenant}", m.tenant())));
        String credentials = account.account() + ":" + account.token().value();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Idempotency-Key", m.key())
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new DeliveryResult.Retry("the SMS provider did not answer within " + settings.timeout());
        } catch (IOException e) {
            return new DeliveryResult.Retry("cannot reach the SMS provider at " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.Retry("interrupted while posting to the SMS provider");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            String id = providerId(response.body()).orElse("key:" + m.key());
            sends.record(m, id, Optional.of(count), "accepted", clock.instant());
            return new DeliveryResult.Delivered("provider id " + id + ", " + count.describe());
        }
        String said = "HTTP " + status + " from the SMS provider: " + abbreviate(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            return new DeliveryResult.Retry(said);
        }
        return new DeliveryResult.Refused(said);
    }

    private static Optional<String> providerId(String body) {
        try {
            JsonNode json = StateJson.mapper().readTree(body);
            for (String field : new String[] {"id", "sid", "message_id"}) {
                if (json != null && json.hasNonNull(field)) {
                    return Optional.of(json.get(field).asText());
                }
            }
        } catch (IOException e) {
            // an answer that is not JSON still means accepted; the key stands in for the id
        }
        return Optional.empty();
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String abbreviate(String s) {
        String one = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
