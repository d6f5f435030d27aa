package dev.threshold.runtime.support;

import dev.threshold.runtime.inbound.InboundSignature;
import dev.threshold.runtime.outbox.channel.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Webhook requests as an SMS provider posts them: a form body and its signed headers. */
public final class Texts {
    private Texts() {}

    /** A provider's post: its headers and raw body. */
    public record Post(Map<String, String> headers, String body) {}

    /** A text from a number to ours, as a signed form post made at {@code at}. */
    public static Post inbound(String id, String from, String to, String text, Instant at) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", id);
        form.put("From", from);
        form.put("To", to);
        form.put("Body", text);
        return signedForm(form, Settings.SMS_WEBHOOK_SECRET, at);
    }

    /** A delivery status for a provider's message id. */
    public static Post status(String providerId, String status, String errorCode, Instant at) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", providerId);
        form.put("MessageStatus", status);
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        return signedForm(form, Settings.SMS_WEBHOOK_SECRET, at);
    }

    public static Post signedForm(Map<String, String> form, Secret secret, Instant at) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return new Post(
                Map.of(
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        InboundSignature.HEADER,
                        InboundSignature.sign(secret, at, InboundSignature.SMS, body)),
                body);
    }

    public static Post signedJson(String json, Secret secret, Instant at) {
        return new Post(
                Map.of(
                        "content-type",
                        "application/json",
                        "threshold-signature",
                        InboundSignature.sign(secret, at, InboundSignature.SMS, json)),
                json);
    }
}
