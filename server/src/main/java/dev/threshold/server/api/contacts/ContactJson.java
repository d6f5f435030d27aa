package dev.threshold.server.api.contacts;

import dev.threshold.domain.contact.Role;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.server.http.Fields;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A contact as the API shows and takes it: snake_case fields, addresses and consent keyed by channel ({@code
 * email}, {@code sms}, {@code portal}), consent as purposes ({@code transactional}, {@code marketing}).
 */
final class ContactJson {
    static final Set<String> FIELDS = Set.of(
            "id",
            "first_name",
            "last_name",
            "roles",
            "timezone",
            "language",
            "community",
            "state",
            "addresses",
            "consent",
            "suppressed",
            "preferences",
            "attributes",
            "external_ids");

    private ContactJson() {}

    static Map<String, Object> view(ContactView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("first_name", c.firstName());
        m.put("last_name", c.lastName());
        m.put("roles", c.roles().stream().sorted().toList());
        c.timezone().ifPresent(z -> m.put("timezone", z.getId()));
        m.put("language", c.language());
        c.community().ifPresent(x -> m.put("community", x));
        c.state().ifPresent(x -> m.put("state", x));
        Map<String, String> addresses = new TreeMap<>();
        c.addresses().forEach((ch, a) -> addresses.put(ch.id(), a));
        m.put("addresses", addresses);
        Map<String, Object> consent = new TreeMap<>();
        c.consent()
                .forEach((ch, ps) -> consent.put(
                        ch.id(), ps.stream().map(ContactJson::purpose).sorted().toList()));
        m.put("consent", consent);
        m.put("suppressed", c.suppressed().stream().map(Channel::id).sorted().toList());
        m.put("preferences", c.preferences());
        m.put("attributes", c.attributes());
        c.lastActivityAt().ifPresent(t -> m.put("last_activity_at", t));
        return m;
    }

    static String purpose(Purpose p) {
        return p.name().toLowerCase(Locale.ROOT);
    }

    /** The contact with what the body sets; absent fields keep the base's values. */
    static ContactView merge(ContactView base, Fields f) {
        String first = f.text("first_name", false, 200).orElse(base.firstName());
        String last = f.text("last_name", false, 200).orElse(base.lastName());
        Set<String> roles = f.has("roles") ? roles(f) : base.roles();
        Optional<ZoneId> zone = f.has("timezone") ? zone(f) : base.timezone();
        String language = f.text("language", false, 20).orElse(base.language());
        Optional<String> community = f.has("community") ? f.id("community", false) : base.community();
        Optional<String> state = f.has("state") ? f.text("state", false, 10) : base.state();
        Map<Channel, String> addresses = f.has("addresses") ? addresses(f) : base.addresses();
        Map<Channel, Set<Purpose>> consent = f.has("consent") ? consent(f) : base.consent();
        Set<Channel> suppressed = f.has("suppressed") ? channels(f) : base.suppressed();
        Map<String, Object> preferences = f.has("preferences") ? f.values("preferences") : base.preferences();
        Map<String, Object> attributes = f.has("attributes") ? f.values("attributes") : base.attributes();
        return new ContactView(
                base.id(),
                roles,
                first,
                last,
                zone,
                language,
                community,
                state,
                addresses,
                consent,
                suppressed,
                preferences,
                attributes,
                base.agent(),
                base.lastActivityAt());
    }

    private static Set<String> roles(Fields f) {
        Set<String> out = new LinkedHashSet<>();
        var given = f.texts("roles", 20, 40);
        for (int i = 0; i < given.size(); i++) {
            if (Role.parse(given.get(i)).isEmpty()) {
                f.problem(
                        "roles[" + i + "]",
                        "'" + given.get(i) + "' is not a role; expected one of "
                                + Arrays.stream(Role.values()).map(Role::id).toList());
            } else {
                out.add(given.get(i));
            }
        }
        return out;
    }

    private static Optional<ZoneId> zone(Fields f) {
        Optional<String> z = f.text("timezone", false, 60);
        try {
            return z.map(ZoneId::of);
        } catch (DateTimeException e) {
            f.problem("timezone", "'" + z.get() + "' is not a time zone such as America/Denver");
            return Optional.empty();
        }
    }

    private static Map<Channel, String> addresses(Fields f) {
        Map<Channel, String> out = new EnumMap<>(Channel.class);
        f.object("addresses").ifPresent(a -> {
            a.allow("email", "sms", "portal");
            a.text("email", false, 320).ifPresent(e -> {
                if (!e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    a.problem("email", "'" + e + "' is not an email address");
                } else {
                    out.put(Channel.EMAIL, e.trim().toLowerCase(Locale.ROOT));
                }
            });
            a.text("sms", false, 30).ifPresent(p -> {
                if (!p.matches("\\+?[0-9 ()./-]{7,20}")) {
                    a.problem("sms", "'" + p + "' is not a phone number");
                } else {
                    out.put(Channel.SMS, p.replaceAll("[^+0-9]", ""));
                }
            });
            a.text("portal", false, 200).ifPresent(p -> out.put(Channel.PORTAL, p));
        });
        return out;
    }

    private static Map<Channel, Set<Purpose>> consent(Fields f) {
        Map<Channel, Set<Purpose>> out = new EnumMap<>(Channel.class);
        f.object("consent").ifPresent(c -> {
            c.allow("email", "sms", "portal");
            for (Channel ch : new Channel[] {Channel.EMAIL, Channel.SMS, Channel.PORTAL}) {
                Set<Purpose> purposes = new LinkedHashSet<>();
                for (String p : c.texts(ch.id(), 2, 20)) {
                    purpose(p)
                            .ifPresentOrElse(
                                    purposes::add,
                                    () -> c.problem(
                                            ch.id(),
                                            "'" + p + "' is not a purpose; expected transactional or marketing"));
                }
                if (c.has(ch.id())) {
                    out.put(ch, purposes);
                }
            }
        });
        return out;
    }

    static Optional<Purpose> purpose(String text) {
        return Arrays.stream(Purpose.values())
                .filter(p -> purpose(p).equals(text))
                .findFirst();
    }

    private static Set<Channel> channels(Fields f) {
        Set<Channel> out = new LinkedHashSet<>();
        for (String c : f.texts("suppressed", 4, 20)) {
            Channel.parse(c)
                    .ifPresentOrElse(
                            out::add,
                            () -> f.problem(
                                    "suppressed", "'" + c + "' is not a channel; expected email, sms or portal"));
        }
        return out;
    }
}
