package dev.threshold.domain.scenario;

import dev.threshold.domain.addon.AddOnPurchase;
import dev.threshold.domain.community.Address;
import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.GeoPoint;
import dev.threshold.domain.community.PetPolicy;
import dev.threshold.domain.contact.Consent;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.ContactPoint;
import dev.threshold.domain.contact.Preferences;
import dev.threshold.domain.contact.Role;
import dev.threshold.domain.contact.RoleSpan;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.payment.Payment;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.domain.property.PropertyRecords;
import dev.threshold.domain.property.PropertyRepository;
import dev.threshold.domain.property.UnitChanges;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.sim.Scenario;
import dev.threshold.engine.sim.Simulator;
import dev.threshold.engine.time.BusinessCalendar;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds the property records of a scenario, for the simulator: the scenario's communities and contacts,
 * plus what its {@code data:} block adds (floor plans, units, pet and renewal policies, add-ons, leases,
 * payments, purchases). The format is documented in docs/scenarios.md, "Property data". Every problem is
 * reported at once, each with its path in the block.
 *
 * <pre>{@code
 * new Simulator(engine, Guardrails.defaults(), new ScenarioRecords());
 * }</pre>
 */
public final class ScenarioRecords implements Simulator.Extensions {

    @Override
    public Map<Class<?>, Object> from(Scenario scenario) {
        return store(scenario).extensions();
    }

    /** A lease signed for a unit, or a unit made available, changes the records for what follows. */
    @Override
    public void observe(Event event, Map<Class<?>, Object> data) {
        if (data.get(PropertyRecords.class) instanceof PropertyRepository records) {
            UnitChanges.of(event, records.records()).ifPresent(records::apply);
        }
    }

    /** The records, for tests and tools that want them directly. */
    public InMemoryPropertyStore store(Scenario scenario) {
        try {
            return InMemoryPropertyStore.of(changes(scenario));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(scenario.file() + ": the data block " + e.getMessage(), e);
        }
    }

    /** The records as one change set, to write into a store (the durable runtime's, in tests). */
    public ChangeSet changes(Scenario scenario) {
        List<String> problems = new ArrayList<>();
        Node data = new Node(scenario.data(), "data", problems);
        data.allow("portfolio", "communities", "leases", "payments", "purchases");
        ChangeSet.Builder set = ChangeSet.builder();
        String portfolio = data.text("portfolio", "portfolio");
        Map<String, CommunityView> declared = new LinkedHashMap<>();
        scenario.communities().forEach(c -> declared.put(c.id(), c));
        Map<String, Node> described = new LinkedHashMap<>();
        for (Node n : data.list("communities")) {
            String id = n.required("id");
            if (described.put(id, n) != null) {
                n.problem("community '" + id + "' is described twice");
            }
        }
        for (CommunityView v : declared.values()) {
            Node n = described.get(v.id());
            set.community(community(v, Optional.ofNullable(n), portfolio, problems));
        }
        described.forEach((id, n) -> {
            if (!declared.containsKey(id)) {
                set.community(community(null, Optional.of(n), portfolio, problems));
            }
            new CommunityData(n, id, set).read();
        });
        for (ContactView c : scenario.contacts()) {
            set.contact(contact(c, scenario));
        }
        data.list("leases").forEach(n -> lease(n, set));
        data.list("payments").forEach(n -> payment(n, set));
        data.list("purchases").forEach(n -> purchase(n, set));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(scenario.file() + ": the data block has " + problems.size()
                    + " problem(s):\n  " + String.join("\n  ", problems));
        }
        return set.build();
    }

    private static Community community(CommunityView v, Optional<Node> n, String portfolio, List<String> problems) {
        Node node = n.orElse(new Node(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "communities", problems));
        ZoneId zone = v != null ? v.timezone() : zone(node);
        Address address = node.has("address")
                ? address(node.get("address"))
                : new Address(
                        v == null ? "" : v.address(),
                        "",
                        "",
                        v == null ? "" : v.state().orElse(""),
                        "",
                        "US");
        if (address.state().isEmpty() && v != null && v.state().isPresent()) {
            address = new Address(
                    address.line1(),
                    address.line2(),
                    address.city(),
                    v.state().get(),
                    address.postalCode(),
                    address.country());
        }
        Optional<GeoPoint> location = Optional.empty();
        if (node.has("location")) {
            Node loc = node.get("location");
            loc.allow("lat", "lon");
            Optional<Double> lat = loc.number("lat");
            Optional<Double> lon = loc.number("lon");
            try {
                location = lat.isPresent() && lon.isPresent()
                        ? Optional.of(new GeoPoint(lat.get(), lon.get()))
                        : Optional.empty();
            } catch (IllegalArgumentException e) {
                loc.problem(e.getMessage());
            }
        }
        Map<String, String> links = new LinkedHashMap<>();
        if (v != null) {
            v.links().forEach((k, x) -> links.put(k, String.valueOf(x)));
        }
        String id = v != null ? v.id() : node.required("id");
        return new Community(
                id,
                v != null ? v.name() : node.text("name", id),
                v != null && v.portfolio().isPresent() ? v.portfolio().get() : node.text("portfolio", portfolio),
                v != null && v.market().isPresent() ? v.market().get() : node.text("market", ""),
                zone,
                address,
                location,
                v != null ? v.calendar() : BusinessCalendar.standard(zone),
                node.has("pets") ? pets(node.get("pets")) : PetPolicy.noPets(),
                v == null ? "" : v.phone(),
                v == null ? "" : v.email(),
                links);
    }

    private static ZoneId zone(Node n) {
        String tz = n.required("timezone");
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            n.problem("'" + tz + "' is not a timezone; expected an IANA name like America/Denver");
            return ZoneOffset.UTC;
        }
    }

    private static Address address(Node n) {
        n.allow("line1", "line2", "city", "state", "postal_code", "country");
        return new Address(
                n.text("line1", ""),
                n.text("line2", ""),
                n.text("city", ""),
                n.text("state", ""),
                n.text("postal_code", ""),
                n.text("country", "US"));
    }

    static PetPolicy pets(Node n) {
        n.allow("allowed", "max", "dog_weight_limit_lbs", "deposit", "monthly_rent", "fee");
        OptionalInt weight = n.integer("dog_weight_limit_lbs");
        return new PetPolicy(
                n.words("allowed"),
                n.integer("max", n.words("allowed").isEmpty() ? 0 : 2),
                weight,
                n.money("deposit", Money.ZERO),
                n.money("monthly_rent", Money.ZERO),
                n.money("fee", Money.ZERO));
    }

    private static Contact contact(ContactView c, Scenario scenario) {
        List<ContactPoint> points = new ArrayList<>();
        Optional.ofNullable(c.addresses().get(Channel.EMAIL)).ifPresent(e -> points.add(lenient(e, true)));
        Optional.ofNullable(c.addresses().get(Channel.SMS)).ifPresent(p -> points.add(lenient(p, false)));
        List<Consent> consents = new ArrayList<>();
        c.consent()
                .forEach((ch, purposes) ->
                        purposes.forEach(p -> consents.add(new Consent(ch, p, true, "scenario", scenario.start()))));
        List<RoleSpan> roles = new ArrayList<>();
        for (String r : c.roles()) {
            Role.parse(r)
                    .ifPresent(
                            role -> roles.add(RoleSpan.since(role, c.community().orElse(null), LocalDate.EPOCH)));
        }
        Preferences prefs;
        try {
            prefs = Preferences.fromFields(c.preferences());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    scenario.file() + ": contact " + c.id() + " preferences." + e.getMessage(), e);
        }
        return new Contact(
                c.id(),
                c.firstName(),
                c.lastName(),
                roles,
                points,
                consents,
                c.timezone(),
                c.language(),
                c.community(),
                prefs,
                Map.of());
    }

    /** Scenario addresses are test data: kept as written when they are not strictly valid. */
    private static ContactPoint lenient(String value, boolean email) {
        try {
            return email ? ContactPoint.email(value, true) : ContactPoint.phone(value, true);
        } catch (IllegalArgumentException e) {
            return new ContactPoint(email ? ContactPoint.Kind.EMAIL : ContactPoint.Kind.PHONE, value, true);
        }
    }

    private static void lease(Node n, ChangeSet.Builder set) {
        n.allow("id", "community", "unit", "residents", "start", "end", "rent", "signed_on", "kind");
        List<String> residents = new ArrayList<>();
        n.list("residents").forEach(r -> residents.add(r.json().asText()));
        if (residents.isEmpty()) {
            n.problem("residents: at least one contact id is required");
            return;
        }
        LocalDate start = n.requiredDate("start");
        Optional<Money> rent = n.money("rent");
        if (rent.isEmpty()) {
            n.problem("rent: is required");
            return;
        }
        String kindText = n.text("kind", "new");
        Optional<Lease.Kind> kind = java.util.Arrays.stream(Lease.Kind.values())
                .filter(k -> k.name().equalsIgnoreCase(kindText))
                .findFirst();
        if (kind.isEmpty()) {
            n.problem("kind '" + kindText + "' is not one of new, renewal, transfer");
            return;
        }
        try {
            set.lease(new Lease(
                    n.required("id"),
                    n.required("community"),
                    n.required("unit"),
                    residents,
                    start,
                    n.requiredDate("end"),
                    rent.get(),
                    n.date("signed_on").orElse(start.minusDays(30)),
                    kind.get(),
                    Optional.empty()));
        } catch (IllegalArgumentException e) {
            n.problem(e.getMessage());
        }
    }

    private static void payment(Node n, ChangeSet.Builder set) {
        n.allow("id", "contact", "lease", "amount", "due_on", "paid_on", "method", "online");
        LocalDate due = n.requiredDate("due_on");
        String contact = n.required("contact");
        set.payment(new Payment(
                n.text("id", contact + ":" + due),
                contact,
                n.text("lease", ""),
                n.money("amount", Money.ZERO),
                due,
                n.date("paid_on").orElse(due),
                n.text("method", "bank-account"),
                n.flag("online", true)));
    }

    private static void purchase(Node n, ChangeSet.Builder set) {
        n.allow("contact", "community", "addon", "since", "until");
        set.purchase(new AddOnPurchase(
                n.required("contact"),
                n.required("community"),
                n.required("addon"),
                n.date("since").orElse(LocalDate.EPOCH),
                n.date("until")));
    }
}
