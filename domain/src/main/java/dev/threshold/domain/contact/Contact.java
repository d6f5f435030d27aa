package dev.threshold.domain.contact;

import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One person, across the whole portfolio: their roles over time, how to reach them, what they consented
 * to, and what they look for. A renter who inquires at three communities is one contact with three
 * interests (see {@code leasing.Interest}).
 *
 * @param externalIds their ids in other systems, by source: {@code pms -> R-1042}, {@code ils:zillow -> 88213}
 * @param community their home community, when they have one
 */
public record Contact(
        String id,
        String firstName,
        String lastName,
        List<RoleSpan> roles,
        List<ContactPoint> points,
        List<Consent> consents,
        Optional<ZoneId> timezone,
        String language,
        Optional<String> community,
        Preferences preferences,
        Map<String, String> externalIds) {

    public Contact {
        roles = List.copyOf(roles);
        points = List.copyOf(points);
        consents = List.copyOf(consents);
        externalIds = Map.copyOf(externalIds);
        firstName = firstName.strip();
        lastName = lastName.strip();
    }

    public String name() {
        return (firstName + " " + lastName).strip();
    }

    /** The roles held on a day. */
    public Set<Role> rolesOn(LocalDate day) {
        Set<Role> out = new LinkedHashSet<>();
        roles.stream().filter(r -> r.activeOn(day)).forEach(r -> out.add(r.role()));
        return out;
    }

    public Optional<ContactPoint> email() {
        return preferred(ContactPoint.Kind.EMAIL);
    }

    public Optional<ContactPoint> phone() {
        return preferred(ContactPoint.Kind.PHONE);
    }

    /** The verified address of a kind if there is one, else the first given. */
    private Optional<ContactPoint> preferred(ContactPoint.Kind kind) {
        return points.stream()
                .filter(p -> p.kind() == kind)
                .min(Comparator.comparing((ContactPoint p) -> !p.verified()));
    }

    /** The standing consent for each channel: the latest statement per channel and purpose wins. */
    public Map<Channel, Set<Purpose>> consentNow() {
        Map<String, Consent> latest = new LinkedHashMap<>();
        consents.stream()
                .sorted(Comparator.comparing(Consent::at))
                .forEach(c -> latest.put(c.channel() + "/" + c.purpose(), c));
        Map<Channel, Set<Purpose>> out = new EnumMap<>(Channel.class);
        latest.values().stream()
                .filter(Consent::granted)
                .forEach(c ->
                        out.computeIfAbsent(c.channel(), k -> new HashSet<>()).add(c.purpose()));
        return out;
    }

    /**
     * This person as the engine sees them at a moment (their roles of that day, in their timezone, else
     * {@code fallback}, usually their community's), for runtimes that build their context from records.
     */
    public ContactView view(Instant now, ZoneId fallback) {
        LocalDate today = now.atZone(timezone.orElse(fallback)).toLocalDate();
        Map<Channel, String> addresses = new EnumMap<>(Channel.class);
        email().ifPresent(e -> addresses.put(Channel.EMAIL, e.value()));
        phone().ifPresent(p -> addresses.put(Channel.SMS, p.value()));
        List<String> roleIds = new ArrayList<>();
        rolesOn(today).forEach(r -> roleIds.add(r.id()));
        return new ContactView(
                id,
                new LinkedHashSet<>(roleIds),
                firstName,
                lastName,
                timezone,
                language,
                community,
                Optional.empty(),
                addresses,
                consentNow(),
                Set.of(),
                preferences.fields(),
                Map.of(),
                Map.of(),
                Optional.empty());
    }

    public Contact withPreferences(Preferences p) {
        return new Contact(
                id, firstName, lastName, roles, points, consents, timezone, language, community, p, externalIds);
    }

    /** This contact with more of what a new source told us: points, consents, ids, roles, preferences. */
    public Contact mergedWith(Contact other) {
        List<ContactPoint> mergedPoints = new ArrayList<>(points);
        for (ContactPoint p : other.points) {
            Optional<ContactPoint> same = mergedPoints.stream()
                    .filter(q -> q.kind() == p.kind() && q.value().equals(p.value()))
                    .findFirst();
            if (same.isEmpty()) {
                mergedPoints.add(p);
            } else if (p.verified() && !same.get().verified()) {
                mergedPoints.set(mergedPoints.indexOf(same.get()), p);
            }
        }
        List<Consent> mergedConsents = new ArrayList<>(consents);
        other.consents.stream().filter(c -> !mergedConsents.contains(c)).forEach(mergedConsents::add);
        List<RoleSpan> mergedRoles = new ArrayList<>(roles);
        other.roles.stream().filter(r -> !mergedRoles.contains(r)).forEach(mergedRoles::add);
        Map<String, String> ids = new LinkedHashMap<>(externalIds);
        other.externalIds.forEach(ids::putIfAbsent);
        return new Contact(
                id,
                firstName.isEmpty() ? other.firstName : firstName,
                lastName.isEmpty() ? other.lastName : lastName,
                mergedRoles,
                mergedPoints,
                mergedConsents,
                timezone.or(() -> other.timezone),
                language,
                community.or(() -> other.community),
                preferences.updatedWith(other.preferences),
                ids);
    }
}
