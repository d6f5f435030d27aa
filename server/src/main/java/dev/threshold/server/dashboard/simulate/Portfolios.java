package dev.threshold.server.dashboard.simulate;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.generator.PortfolioGenerator;
import dev.threshold.domain.generator.SyntheticPortfolio;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.runtime.property.StoredProperties;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.dashboard.Communities;
import dev.threshold.server.http.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a simulation's people come from: the tenant's own property data when it has some (its communities and
 * people, their leases), else a synthetic portfolio generated for the purpose. Either way they are read into memory
 * and bounded: at most {@code maxContacts} people.
 */
public final class Portfolios {
    /** The synthetic portfolio's seed: the same size and day give the same people on every machine. */
    public static final long SEED = 7;

    /** How much past history a simulation replays: enough for every current lease's signing. */
    public static final Duration HISTORY = Duration.ofDays(730);

    private Portfolios() {}

    /**
     * A synthetic portfolio of {@code residents} residents (and the prospects and former residents that come with
     * them), seen from the day of {@code now} (UTC), narrowed to one of its communities when one is named.
     */
    public static SimulatedPortfolio synthetic(
            int residents, Instant now, Optional<String> community, int maxContacts) {
        SyntheticPortfolio p = PortfolioGenerator.generate(SEED, residents, LocalDate.ofInstant(now, ZoneOffset.UTC));
        Map<String, Community> byId = p.changes().communities().stream()
                .collect(Collectors.toMap(Community::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        if (community.isPresent() && !byId.containsKey(community.get())) {
            throw new IllegalArgumentException("the synthetic portfolio has no community '" + community.get() + "'");
        }
        List<ContactView> contacts = new ArrayList<>();
        int people = 0;
        for (Contact c : p.changes().contacts()) {
            if (community.isPresent() && !c.community().equals(community)) {
                continue;
            }
            people++;
            if (contacts.size() < maxContacts) {
                ZoneId zone =
                        c.community().map(byId::get).map(Community::timezone).orElse(ZoneOffset.UTC);
                contacts.add(c.view(now, zone));
            }
        }
        Set<String> ids = contacts.stream().map(ContactView::id).collect(Collectors.toSet());
        List<Event> history = p.timeline(now.minus(HISTORY), now)
                .filter(e -> inScope(e, ids, community))
                .toList();
        String source = String.format(
                Locale.ROOT,
                "a synthetic portfolio (seed %d, %,d residents): %d communit%s, %,d people%s",
                SEED,
                residents,
                community.isPresent() ? 1 : byId.size(),
                community.isPresent() || byId.size() == 1 ? "y" : "ies",
                contacts.size(),
                people > contacts.size() ? " of " + String.format(Locale.ROOT, "%,d", people) : "");
        return new SimulatedPortfolio(
                source,
                Optional.of(p),
                byId.values().stream().map(Community::view).toList(),
                contacts,
                parties(p.changes().leases(), ids),
                p::store,
                history);
    }

    /** The communities of the synthetic portfolio of that size, to choose from: id → name. */
    public static Map<String, String> syntheticCommunities(int residents, Instant now) {
        SyntheticPortfolio p = PortfolioGenerator.generate(SEED, residents, LocalDate.ofInstant(now, ZoneOffset.UTC));
        Map<String, String> out = new LinkedHashMap<>();
        p.changes().communities().forEach(c -> out.put(c.id(), c.name()));
        return out;
    }

    /**
     * The tenant's own people, when it has any in the communities the key sees: their views as the runtime keeps
     * them, and a {@code lease.signed} for each of their current and coming leases (at the day it was signed), from
     * which renewals, move-ins and anniversaries are planned. Empty when the tenant has no people yet.
     */
    public static Optional<SimulatedPortfolio> own(
            Store store,
            StoredProperties properties,
            Caller caller,
            Instant now,
            Optional<String> community,
            int maxContacts) {
        List<Communities.Shown> visible = Communities.visible(store, caller);
        if (visible.isEmpty()) {
            return Optional.empty();
        }
        Query q = new Query("SELECT view FROM contacts WHERE tenant_id = ?", caller.tenant());
        q.and(Scope.filter(caller, "community_id"));
        community.ifPresent(c -> q.and("community_id = ?", c));
        q.append(" ORDER BY contact_id LIMIT ?", maxContacts + 1);
        List<ContactView> found =
                store.read(h -> q.list(h.getConnection(), rs -> StateJson.read(rs.getString(1), ContactView.class)));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        boolean more = found.size() > maxContacts;
        List<ContactView> contacts = more ? found.subList(0, maxContacts) : found;
        InMemoryPropertyStore records = properties.snapshot(caller.tenant());
        Set<String> ids = contacts.stream().map(ContactView::id).collect(Collectors.toSet());
        Map<String, Lease> leases = new LinkedHashMap<>();
        for (ContactView c : contacts) {
            for (Lease l : records.leasesOf(c.id())) {
                if (l.end().isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC)) && ids.contains(l.primary())) {
                    leases.putIfAbsent(l.id(), l);
                }
            }
        }
        Map<String, ZoneId> zones = new HashMap<>();
        visible.forEach(s -> zones.put(s.id(), s.view().timezone()));
        List<Event> history = leases.values().stream()
                .map(l -> signed(l, zones.getOrDefault(l.community(), ZoneOffset.UTC)))
                .filter(e -> e.occurredAt().isBefore(now))
                .sorted(Comparator.comparing(Event::occurredAt))
                .toList();
        String source = String.format(
                Locale.ROOT,
                "your property data: %d communit%s, %,d %s%s, %,d current lease%s",
                community.isPresent() ? 1 : visible.size(),
                community.isPresent() || visible.size() == 1 ? "y" : "ies",
                contacts.size(),
                contacts.size() == 1 ? "person" : "people",
                more ? " (the first by id; there are more)" : "",
                leases.size(),
                leases.size() == 1 ? "" : "s");
        return Optional.of(new SimulatedPortfolio(
                source,
                Optional.empty(),
                visible.stream().map(Communities.Shown::view).toList(),
                contacts,
                parties(leases.values(), ids),
                () -> properties.snapshot(caller.tenant()),
                history));
    }

    /** A lease's signing as the property-management system reports it (the same data a CSV import sends). */
    static Event signed(Lease l, ZoneId zone) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lease_id", l.id());
        d.put("start_date", l.start().toString());
        d.put("end_date", l.end().toString());
        d.put("move_in_date", l.start().toString());
        d.put("monthly_rent", l.rent().toNumber());
        d.put("term_months", (long) l.termMonths());
        d.put("unit", l.unit());
        d.put("kind", l.kind().name().toLowerCase(Locale.ROOT));
        return new Event(
                "lease.signed:" + l.id(),
                "lease.signed",
                l.signedOn().atStartOfDay(zone).toInstant(),
                Optional.of(l.primary()),
                Optional.of(l.community()),
                Map.of("lease", l.id(), "unit", l.unit()),
                d,
                Optional.empty());
    }

    private static boolean inScope(Event e, Set<String> contacts, Optional<String> community) {
        if (e.contact().isPresent()) {
            return contacts.contains(e.contact().get());
        }
        return community.isEmpty() || e.community().equals(community);
    }

    private static Map<String, Map<String, Map<String, String>>> parties(
            java.util.Collection<Lease> leases, Set<String> contacts) {
        Map<String, Map<String, String>> byLease = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Lease l : leases) {
            if (!seen.add(l.id()) || l.residents().stream().noneMatch(contacts::contains)) {
                continue;
            }
            Map<String, String> residents = new LinkedHashMap<>();
            l.residents().forEach(r -> residents.put(r, "resident"));
            byLease.put(l.id(), residents);
        }
        return byLease.isEmpty() ? Map.of() : Map.of("lease", byLease);
    }
}
