package dev.threshold.runtime.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threshold.engine.core.StateJson;
import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.runtime.outbox.channel.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed unsubscribe links: {@code <base URL>/unsubscribe/<token>}, where the token names the tenant, the email
 * address, the contact and when it was issued, and carries an HMAC-SHA256 of all that. Nothing is stored per link;
 * a link verifies for as long as the settings' validity (at least 30 days), and with a previous secret too, so
 * rotating the secret does not break the links already in people's inboxes.
 *
 * <pre>{@code
 * URI link = links.link("acme", Optional.of("R-1"), "dana@example.com", now);
 * links.verify(tokenFrom(link), later)   // Valid(tenant, contact, address, issued) or Invalid(why)
 * }</pre>
 */
public final class UnsubscribeLinks {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final ChannelSettings.Unsubscribe settings;

    public UnsubscribeLinks(ChannelSettings.Unsubscribe settings) {
        this.settings = settings;
    }

    /** What a token says, once verified. */
    public sealed interface Verified {}

    /** A genuine token, still within its validity. */
    public record Valid(String tenant, Optional<String> contact, String address, Instant issued) implements Verified {}

    /** A token that is forged, damaged or expired, with why (for the page the person sees). */
    public record Invalid(String why) implements Verified {}

    /** The link for one address, issued now. */
    public URI link(String tenant, Optional<String> contact, String address, Instant now) {
        String base = settings.baseUrl().toString();
        return URI.create(
                (base.endsWith("/") ? base : base + "/") + "unsubscribe/" + token(tenant, contact, address, now));
    }

    /** The token of a link: the signed payload. */
    public String token(String tenant, Optional<String> contact, String address, Instant now) {
        ObjectNode p = StateJson.mapper().createObjectNode();
        p.put("t", tenant);
        contact.ifPresent(c -> p.put("c", c));
        p.put("a", address);
        p.put("i", now.getEpochSecond());
        String payload = B64.encodeToString(p.toString().getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(mac(settings.secret(), payload));
    }

    public Verified verify(String token, Instant now) {
        if (token == null || token.length() > 2048) {
            return new Invalid("the link is not one of ours");
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0) {
            return new Invalid("the link is not one of ours");
        }
        String payload = token.substring(0, dot);
        byte[] given;
        try {
            given = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return new Invalid("the link is damaged");
        }
        if (!signedByUs(payload, given)) {
            return new Invalid("the link's signature does not match; it may have been changed");
        }
        JsonNode p;
        try {
            p = StateJson.mapper().readTree(B64D.decode(payload));
        } catch (IOException | IllegalArgumentException e) {
            return new Invalid("the link is damaged");
        }
        if (p == null || !p.hasNonNull("t") || !p.hasNonNull("a") || !p.hasNonNull("i")) {
            return new Invalid("the link is damaged");
        }
        Instant issued = Instant.ofEpochSecond(p.get("i").asLong());
        if (issued.isAfter(now.plus(CLOCK_SKEW))) {
            return new Invalid("the link was issued in the future");
        }
        if (Duration.between(issued, now).compareTo(settings.validity()) > 0) {
            return new Invalid("the link expired " + settings.validity().toDays() + " days after it was sent");
        }
        return new Valid(
                p.get("t").asText(),
                Optional.ofNullable(p.get("c")).map(JsonNode::asText),
                p.get("a").asText(),
                issued);
    }

    private boolean signedByUs(String payload, byte[] given) {
        List<Secret> secrets = new ArrayList<>();
        secrets.add(settings.secret());
        secrets.addAll(settings.previousSecrets());
        boolean ok = false;
        for (Secret s : secrets) {
            ok |= MessageDigest.isEqual(mac(s, payload), given); // no early exit: every secret is tried
        }
        return ok;
    }

    private static byte[] mac(Secret secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
