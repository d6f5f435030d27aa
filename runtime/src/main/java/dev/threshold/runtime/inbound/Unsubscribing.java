package dev.threshold.runtime.inbound;

import dev.threshold.engine.event.Event;
import dev.threshold.engine.guardrail.ConsentChange;
import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.consent.Consents;
import dev.threshold.runtime.consent.UnsubscribeLinks;
import dev.threshold.runtime.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unsubscribe link of every marketing email. Mount both methods on {@code /unsubscribe/{token}}:
 *
 * <ul>
 *   <li>{@code GET} answers {@link #page}: a page asking to confirm, because mail scanners open links and must not
 *       unsubscribe anyone by doing so;</li>
 *   <li>{@code POST} answers {@link #unsubscribe}: the page's button, and the one-click unsubscribe of RFC 8058
 *       that mail clients send with the body {@code List-Unsubscribe=One-Click}. It withdraws marketing consent
 *       for the address at once (recorded with its source and time), tells journeys with {@code consent.changed},
 *       and answers 200 without a redirect, as RFC 8058 asks.</li>
 * </ul>
 */
public final class Unsubscribing {
    private final Store store;
    private final UnsubscribeLinks links;
    private final InstantSource clock;

    public Unsubscribing(Store store, UnsubscribeLinks links, InstantSource clock) {
        this.store = store;
        this.links = links;
        this.clock = clock;
    }

    /** GET: the confirmation page (nothing changes). */
    public HttpAnswer page(String token) {
        return switch (links.verify(token, clock.instant())) {
            case UnsubscribeLinks.Invalid bad -> refused(bad);
            case UnsubscribeLinks.Valid ok ->
                HttpAnswer.page(
                        200,
                        "Unsubscribe from marketing emails",
                        "<p>Stop marketing emails to <strong>" + HttpAnswer.escape(ok.address())
                                + "</strong>? You will still get messages about your lease, tours and requests.</p>"
                                + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\""
                                + " value=\"One-Click\"><button type=\"submit\">Unsubscribe</button></form>");
        };
    }

    /** POST: withdraws marketing consent for the link's address; clicking again changes nothing more. */
    public HttpAnswer unsubscribe(String token, String body) {
        Instant now = clock.instant();
        return switch (links.verify(token, now)) {
            case UnsubscribeLinks.Invalid bad -> refused(bad);
            case UnsubscribeLinks.Valid ok -> {
                boolean oneClick = body != null && body.replace(" ", "").contains("List-Unsubscribe=One-Click");
                String source = oneClick ? "one-click unsubscribe (RFC 8058)" : "unsubscribe link";
                record(ok, source, digest(token), now);
                yield HttpAnswer.page(
                        200,
                        "You are unsubscribed",
                        "<p>No more marketing emails will go to <strong>" + HttpAnswer.escape(ok.address())
                                + "</strong>.</p>");
            }
        };
    }

    private void record(UnsubscribeLinks.Valid ok, String source, String tokenDigest, Instant now) {
        ConsentChange change = new ConsentChange(
                Channel.EMAIL,
                ok.address(),
                ConsentChange.Scope.MARKETING,
                false,
                ConsentChange.Reason.UNSUBSCRIBE,
                source,
                now);
        store.write(h -> {
            Consents.write(h.getConnection(), store.partitions(), ok.tenant(), ok.contact(), change);
            if (ok.contact().isPresent()) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("channel", "email");
                data.put("purpose", "marketing");
                data.put("granted", false);
                data.put("source", source);
                Event heard = new Event(
                        "unsubscribe:" + tokenDigest,
                        "consent.changed",
                        now,
                        ok.contact(),
                        Optional.empty(),
                        Map.of(),
                        data,
                        Optional.empty());
                EventAppends.append(h.getConnection(), store, ok.tenant(), List.of(heard), now);
            }
            return null;
        });
    }

    private static HttpAnswer refused(UnsubscribeLinks.Invalid bad) {
        return HttpAnswer.page(
                400,
                "This unsubscribe link does not work",
                "<p>" + HttpAnswer.escape(bad.why()) + ". Reply to the email and ask to be unsubscribed,"
                        + " or contact the community; we will stop at once.</p>");
    }

    private static String digest(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
