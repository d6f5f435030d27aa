package dev.threshold.runtime.inbound;

import dev.threshold.runtime.outbox.channel.Secret;
import dev.threshold.runtime.outbox.channel.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How an inbound webhook proves it comes from the SMS provider: {@code Threshold-Signature: t=<unix seconds>,
 * v1=<hex HMAC-SHA256 of "<t>.<source>.<raw body>">} with the provider's webhook secret, where the source is
 * {@value #SMS}. It is the scheme of every signed webhook of Threshold ({@link WebhookSignature}, and the API's
 * signed webhook routes), so a provider or relay set up once is accepted whichever way the route is mounted. The
 * timestamp bounds replays to the tolerance; {@code inbound_receipts} refuses a replay inside it.
 */
public final class InboundSignature {
    public static final String HEADER = WebhookSignature.HEADER;

    /** The source SMS provider webhooks are signed as. */
    public static final String SMS = "sms";

    private InboundSignature() {}

    /** The header a sender puts on a body it posts at {@code at}, as a source. */
    public static String sign(Secret secret, Instant at, String source, String body) {
        return WebhookSignature.sign(secret.bytes(), at, source, body);
    }

    /**
     * Why a header does not prove this body was sent by the secret's holder, as this source, within the tolerance;
     * empty when it does.
     */
    public static Optional<String> problem(
            Secret secret, Optional<String> header, String source, String body, Instant now, Duration tolerance) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.of("the " + HEADER + " header is missing");
        }
        long t = -1;
        String v1 = null;
        for (String part : header.get().split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1].trim());
                } catch (NumberFormatException e) {
                    return Optional.of("the signature's timestamp '" + kv[1] + "' is not a number of seconds");
                }
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1].trim();
            }
        }
        if (t < 0 || v1 == null) {
            return Optional.of("the " + HEADER + " header must read t=<unix seconds>,v1=<hex HMAC-SHA256>");
        }
        if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
            return Optional.of("the signature was made at " + Instant.ofEpochSecond(t) + ", outside the "
                    + tolerance.toSeconds() + " s window around " + now);
        }
        byte[] expected = hmac(secret, t + "." + source + "." + body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("the signature does not match the body");
        }
        return Optional.empty();
    }

    private static String hmac(Secret secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
