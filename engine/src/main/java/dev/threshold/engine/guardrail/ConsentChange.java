package dev.threshold.engine.guardrail;

import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Consent given or withdrawn for one address on one channel, with where it came from and when: a STOP or START
 * text, an unsubscribe link, a bounce, a complaint, a consent form. Changes are kept by address, not by
 * contact, because consent belongs to the number or mailbox (a STOP from a number nobody is known by still
 * stops that number), and they override what an import says about a contact, because they are what the person
 * said last.
 *
 * <pre>{@code
 * ContactView seen = ConsentChange.apply(dana, List.of(stopFromDana));  // sms now suppressed
 * }</pre>
 *
 * @param address normalised as {@link #normalize} does
 * @param scope what it covers: the whole channel (a STOP, a bounce) or one purpose (an unsubscribe from marketing)
 * @param source how it was expressed, for people: "sms keyword STOP", "unsubscribe link", "hard bounce: 550 5.1.1"
 */
public record ConsentChange(
        Channel channel, String address, Scope scope, boolean granted, Reason reason, String source, Instant at) {

    /** What a change covers. */
    public enum Scope {
        /** Every message on the channel: a STOP withdraws it, a START restores it, a bounce suppresses it. */
        ALL,
        TRANSACTIONAL,
        MARKETING;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Scope of(Purpose purpose) {
            return purpose == Purpose.MARKETING ? MARKETING : TRANSACTIONAL;
        }
    }

    /** Why consent changed. */
    public enum Reason {
        CONSENT,
        WITHDRAWAL,
        OPT_OUT,
        OPT_IN,
        UNSUBSCRIBE,
        BOUNCE,
        COMPLAINT;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Reason parse(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public ConsentChange {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        address = normalize(channel, address);
        if (address.isEmpty()) {
            throw new IllegalArgumentException("a consent change needs the " + channel.id() + " address it is about");
        }
    }

    /** An address as consent is kept by: a phone number's digits and plus sign, an email address in lower case. */
    public static String normalize(Channel channel, String address) {
        String a = address == null ? "" : address.trim();
        return switch (channel) {
            case SMS -> a.replaceAll("[^+0-9]", "");
            case EMAIL -> a.toLowerCase(Locale.ROOT);
            case PORTAL, WEBHOOK -> a;
        };
    }

    /**
     * The contact as the guardrails must see it: for each channel, the latest change per scope for the address the
     * contact has now applies over the imported consent. A withdrawal of {@code ALL} suppresses the channel; a grant
     * of {@code ALL} lifts a suppression; a purpose's change adds or removes that purpose's consent.
     */
    public static ContactView apply(ContactView contact, Collection<ConsentChange> changes) {
        if (changes.isEmpty()) {
            return contact;
        }
        Map<Channel, Set<Purpose>> consent = new EnumMap<>(Channel.class);
        contact.consent().forEach((ch, purposes) -> {
            Set<Purpose> copy = EnumSet.noneOf(Purpose.class);
            copy.addAll(purposes);
            consent.put(ch, copy);
        });
        Set<Channel> suppressed = new HashSet<>(contact.suppressed());
        List<ConsentChange> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparing(ConsentChange::at));
        for (ConsentChange c : ordered) {
            String current = contact.addresses().get(c.channel());
            if (current == null || !normalize(c.channel(), current).equals(c.address())) {
                continue; // about an address the contact no longer has
            }
            switch (c.scope()) {
                case ALL -> {
                    if (c.granted()) {
                        suppressed.remove(c.channel());
                    } else {
                        suppressed.add(c.channel());
                    }
                }
                case TRANSACTIONAL, MARKETING -> {
                    Purpose p = c.scope() == Scope.MARKETING ? Purpose.MARKETING : Purpose.TRANSACTIONAL;
                    Set<Purpose> given = consent.computeIfAbsent(c.channel(), k -> EnumSet.noneOf(Purpose.class));
                    if (c.granted()) {
                        given.add(p);
                    } else {
                        given.remove(p);
                    }
                }
            }
        }
        return new ContactView(
                contact.id(),
                contact.roles(),
                contact.firstName(),
                contact.lastName(),
                contact.timezone(),
                contact.language(),
                contact.community(),
                contact.state(),
                contact.addresses(),
                consent,
                suppressed,
                contact.preferences(),
                contact.attributes(),
                contact.agent(),
                contact.lastActivityAt());
    }

    /** A short account for the "why" view: "sms +13035550103: opt-out (sms keyword STOP) at 2027-…Z". */
    public String describe() {
        return channel.id() + " " + address + ": " + reason.id() + (scope == Scope.ALL ? "" : " of " + scope.id())
                + " (" + source + ") at " + at;
    }
}
