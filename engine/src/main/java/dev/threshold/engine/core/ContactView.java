package dev.threshold.engine.core;

import dev.threshold.engine.expr.FieldType;
import dev.threshold.engine.expr.Shape;
import dev.threshold.engine.expr.Values;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only view of a person, as decisions and the dispatcher need it.
 *
 * @param roles prospect, applicant, resident, former-resident, hoa-member, owner, business-client (one
 *     person may hold several over time)
 * @param state the two-letter US state (or other jurisdiction) whose quiet hours apply
 * @param addresses where each channel reaches them (an email address, a phone number, a portal user id)
 * @param consent the purposes each channel is consented for
 * @param suppressed channels that must not be used at all (opted out, bounced, complained)
 * @param agent the staff member who owns them, when one does (name, first_name, email, phone)
 */
public record ContactView(
        String id,
        Set<String> roles,
        String firstName,
        String lastName,
        Optional<ZoneId> timezone,
        String language,
        Optional<String> community,
        Optional<String> state,
        Map<Channel, String> addresses,
        Map<Channel, Set<Purpose>> consent,
        Set<Channel> suppressed,
        Map<String, Object> preferences,
        Map<String, Object> attributes,
        Map<String, Object> agent,
        Optional<Instant> lastActivityAt) {

    /** The fields a condition or template can read of {@code contact}. */
    public static final Shape SHAPE = new Shape(
            "contact",
            Map.ofEntries(
                    Map.entry("id", FieldType.STRING),
                    Map.entry("first_name", FieldType.STRING),
                    Map.entry("last_name", FieldType.STRING),
                    Map.entry("name", FieldType.STRING),
                    Map.entry("roles", FieldType.LIST),
                    Map.entry("timezone", FieldType.STRING),
                    Map.entry("language", FieldType.STRING),
                    Map.entry("community", FieldType.STRING),
                    Map.entry("state", FieldType.STRING),
                    Map.entry("email", FieldType.STRING),
                    Map.entry("phone", FieldType.STRING),
                    Map.entry("channels", FieldType.LIST),
                    Map.entry("preferences", FieldType.MAP),
                    Map.entry("attributes", FieldType.MAP),
                    Map.entry("last_activity_at", FieldType.TIMESTAMP)));

    public ContactView {
        roles = Set.copyOf(roles);
        addresses = Map.copyOf(addresses);
        Map<Channel, Set<Purpose>> c = new EnumMap<>(Channel.class);
        consent.forEach((k, v) -> c.put(k, Set.copyOf(v)));
        consent = Map.copyOf(c);
        suppressed = Set.copyOf(suppressed);
        preferences = Values.frozen(preferences);
        attributes = Values.frozen(attributes);
        agent = Values.frozen(agent);
    }

    /** A contact with just an id and a role, for tests and tools. */
    public static ContactView minimal(String id, String role) {
        return new ContactView(
                id,
                Set.of(role),
                "",
                "",
                Optional.empty(),
                "en",
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                Map.of(),
                Set.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Optional.empty());
    }

    /** The channels this person can be reached on at all (an address, not suppressed). */
    public List<Channel> reachable() {
        List<Channel> out = new ArrayList<>();
        for (Channel ch : Channel.values()) {
            if (addresses.containsKey(ch) && !suppressed.contains(ch)) {
                out.add(ch);
            }
        }
        return out;
    }

    /**
     * Whether a message of this purpose may go to them on this channel: an address, not suppressed, and
     * consent. Marketing needs marketing consent on the channel (on SMS, the express consent the TCPA
     * asks for); a transactional text needs some consent to text; transactional email and portal
     * notices need only an address.
     */
    public boolean permits(Channel channel, Purpose purpose) {
        if (!addresses.containsKey(channel) || suppressed.contains(channel)) {
            return false;
        }
        Set<Purpose> given = consent.getOrDefault(channel, Set.of());
        if (purpose == Purpose.MARKETING) {
            return given.contains(Purpose.MARKETING);
        }
        return channel != Channel.SMS || !given.isEmpty();
    }

    /** The view conditions and templates read. */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("first_name", firstName);
        f.put("last_name", lastName);
        f.put("name", (firstName + " " + lastName).trim());
        f.put("roles", List.copyOf(roles));
        timezone.ifPresent(z -> f.put("timezone", z.getId()));
        f.put("language", language);
        community.ifPresent(c -> f.put("community", c));
        state.ifPresent(s -> f.put("state", s));
        Optional.ofNullable(addresses.get(Channel.EMAIL)).ifPresent(e -> f.put("email", e));
        Optional.ofNullable(addresses.get(Channel.SMS)).ifPresent(p -> f.put("phone", p));
        f.put("channels", reachable().stream().map(Channel::id).toList());
        f.put("preferences", preferences);
        f.put("attributes", attributes);
        lastActivityAt.ifPresent(t -> f.put("last_activity_at", t));
        return f;
    }

    /**
     * This known person after an import delivered {@code imported}, their record in the source system: its roles,
     * names, timezone, language, community, addresses, consent and preferences replace these (an empty one keeps
     * what is known), while the state, suppressed channels, attributes journeys wrote, agent and last activity
     * stay. The simulator and the durable runtime both merge imports here.
     */
    public ContactView mergedWith(ContactView imported) {
        return new ContactView(
                id,
                imported.roles().isEmpty() ? roles : imported.roles(),
                imported.firstName().isEmpty() ? firstName : imported.firstName(),
                imported.lastName().isEmpty() ? lastName : imported.lastName(),
                imported.timezone().or(() -> timezone),
                imported.language(),
                imported.community().or(() -> community),
                state,
                imported.addresses().isEmpty() ? addresses : imported.addresses(),
                imported.consent().isEmpty() ? consent : imported.consent(),
                suppressed,
                imported.preferences().isEmpty() ? preferences : imported.preferences(),
                attributes,
                agent,
                lastActivityAt);
    }

    /** The same person with other roles (their record changed: a prospect who signed is a resident). */
    public ContactView withRoles(Set<String> newRoles) {
        return new ContactView(
                id,
                newRoles,
                firstName,
                lastName,
                timezone,
                language,
                community,
                state,
                addresses,
                consent,
                suppressed,
                preferences,
                attributes,
                agent,
                lastActivityAt);
    }

    /**
     * The contact after a journey's {@code update} step: {@code preferences.x} sets a preference, {@code
     * attributes.x} or a plain name an attribute. The simulator and the durable runtime both apply updates here.
     */
    public ContactView updated(Map<String, Object> set) {
        Map<String, Object> attributes = new LinkedHashMap<>(attributes());
        Map<String, Object> preferences = new LinkedHashMap<>(preferences());
        set.forEach((k, v) -> {
            if (k.startsWith("preferences.")) {
                preferences.put(k.substring("preferences.".length()), Values.normalize(v));
            } else {
                attributes.put(
                        k.startsWith("attributes.") ? k.substring("attributes.".length()) : k, Values.normalize(v));
            }
        });
        return new ContactView(
                id,
                roles,
                firstName,
                lastName,
                timezone,
                language,
                community,
                state,
                addresses,
                consent,
                suppressed,
                preferences,
                attributes,
                agent,
                lastActivityAt);
    }
}
