package dev.threshold.engine.guardrail;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Effect;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules every message to a person passes, in order: a channel they have and consent to (in the step's
 * fallback order), quiet hours in their local time for texts, and frequency caps for marketing. Pure:
 * the caller says what was sent recently and what time it is.
 *
 * <pre>{@code
 * Verdict v = guardrails.check(message, dana, cedarRidge, now, recentMarketing);
 * }</pre>
 */
public final class Guardrails {
    private final FrequencyCaps caps;

    public Guardrails(FrequencyCaps caps) {
        this.caps = caps;
    }

    public static Guardrails defaults() {
        return new Guardrails(FrequencyCaps.defaults());
    }

    /** A marketing message sent earlier, as frequency caps count it. */
    public record Sent(Channel channel, Instant at) {}

    public Verdict check(
            Effect.SendMessage message,
            ContactView contact,
            Optional<CommunityView> community,
            Instant now,
            List<Sent> recentMarketing) {
        if (message.staffRole().isPresent()) {
            Channel ch = message.channels().get(0);
            return new Verdict.Send(ch, "to staff (" + message.staffRole().get() + ")");
        }
        List<String> refused = new ArrayList<>();
        Optional<Channel> chosen = Optional.empty();
        for (Channel ch : message.channels()) {
            if (!message.content().containsKey(ch) && ch != Channel.WEBHOOK) {
                continue;
            }
            if (ch == Channel.WEBHOOK || contact.permits(ch, message.purpose())) {
                chosen = Optional.of(ch);
                break;
            }
            refused.add(whyNot(ch, contact, message.purpose()));
        }
        if (chosen.isEmpty()) {
            return new Verdict.Skip("no permitted channel: " + String.join("; ", refused));
        }
        Channel ch = chosen.get();
        String fallback = refused.isEmpty() ? "" : " (fallback: " + String.join("; ", refused) + ")";
        if (ch == Channel.SMS) {
            ZoneId zone = zoneOf(contact, community);
            Optional<String> state = contact.state().or(() -> community.flatMap(CommunityView::state));
            Optional<QuietHours.Window> own =
                    community.flatMap(CommunityView::quietHours).map(QuietHours.Window::parse);
            if (!QuietHours.allows(now, zone, state, own, message.purpose())) {
                Instant next = QuietHours.nextAllowed(now, zone, state, own, message.purpose());
                return new Verdict.Defer(
                        ch,
                        next,
                        "quiet hours in " + zone.getId()
                                + state.map(s -> " (" + s + ")").orElse("") + "; the next allowed time is "
                                + next.atZone(zone).toLocalDateTime() + fallback);
            }
        }
        if (message.purpose() == Purpose.MARKETING && caps.cap(ch).isPresent()) {
            FrequencyCaps.Cap cap = caps.cap(ch).get();
            Instant since = now.minus(cap.window());
            List<Instant> inWindow = recentMarketing.stream()
                    .filter(s -> s.channel() == ch && s.at().isAfter(since))
                    .map(Sent::at)
                    .sorted()
                    .toList();
            if (inWindow.size() >= cap.max()) {
                Instant until = inWindow.get(inWindow.size() - cap.max())
                        .plus(cap.window())
                        .plusSeconds(1);
                return new Verdict.Defer(
                        ch,
                        until,
                        "frequency cap: " + cap.max() + " marketing " + ch.id() + " per "
                                + cap.window().toDays() + " days reached" + fallback);
            }
        }
        return new Verdict.Send(ch, "sent on " + ch.id() + fallback);
    }

    private static String whyNot(Channel ch, ContactView contact, Purpose purpose) {
        String c = ch.id();
        if (!contact.addresses().containsKey(ch)) {
            return "no " + c + " address";
        }
        if (contact.suppressed().contains(ch)) {
            return c + " is suppressed (opted out, bounced or complained)";
        }
        return c + " has no " + purpose.name().toLowerCase(Locale.ROOT) + " consent";
    }

    private static ZoneId zoneOf(ContactView contact, Optional<CommunityView> community) {
        return contact.timezone()
                .or(() -> community.map(CommunityView::timezone))
                .orElse(ZoneOffset.UTC);
    }
}
