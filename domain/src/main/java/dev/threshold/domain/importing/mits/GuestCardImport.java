package dev.threshold.domain.importing.mits;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.contact.Consent;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.ContactPoint;
import dev.threshold.domain.contact.Pets;
import dev.threshold.domain.contact.Preferences;
import dev.threshold.domain.contact.Role;
import dev.threshold.domain.contact.RoleSpan;
import dev.threshold.domain.importing.ContactIds;
import dev.threshold.domain.importing.Findings;
import dev.threshold.domain.importing.ImportFailed;
import dev.threshold.domain.importing.ImportPlan;
import dev.threshold.domain.importing.People;
import dev.threshold.domain.importing.Tally;
import dev.threshold.domain.importing.XmlTree;
import dev.threshold.domain.importing.XmlTree.Element;
import dev.threshold.domain.leasing.GuestCard;
import dev.threshold.domain.leasing.Interest;
import dev.threshold.domain.leasing.ProspectStatus;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.PropertyRecords;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Imports guest cards in the MITS LeadManagement shape ({@code Prospects → Prospect} with its customers'
 * names and contact details, preferences and events), as listing sites and CRMs exchange them. One person
 * is one contact across the portfolio (see {@link People}); each community they asked about is an
 * {@link Interest} with a prospect status from the lead's latest event. A new interest that is still open
 * yields {@code lead.created}; re-importing the same leads changes nothing and emits nothing.
 */
public final class GuestCardImport {

    /** One prospect, read and checked. */
    private record Lead(
            Element at,
            String idSource,
            String source,
            String leadId,
            Optional<String> ils,
            Community community,
            Contact candidate,
            Preferences preferences,
            String message,
            Optional<String> floorPlan,
            Optional<String> unit,
            Optional<String> channel,
            ProspectStatus status,
            Instant firstContact,
            Instant lastActivity) {}

    public ImportPlan plan(String file, String xml, PropertyRecords current, Instant now) throws ImportFailed {
        Element root = XmlTree.parse(file, xml);
        Findings findings = new Findings(file);
        List<Lead> leads = new ArrayList<>();
        if (!root.name().equals("LeadManagement")) {
            findings.add(root, root.name(), "expected <LeadManagement> as the root of a MITS guest-card feed");
        } else {
            Optional<String> feedProperty = propertyId(root);
            List<Element> prospects =
                    root.child("Prospects").map(p -> p.all("Prospect")).orElse(List.of());
            if (prospects.isEmpty()) {
                findings.add(root, "LeadManagement/Prospects", "the feed has no <Prospect>");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < prospects.size(); i++) {
                String path = "LeadManagement/Prospects/Prospect[" + (i + 1) + "]";
                read(prospects.get(i), path, feedProperty, current, now, findings)
                        .ifPresent(l -> {
                            if (!seen.add(l.idSource() + "|" + l.leadId())) {
                                findings.add(
                                        l.at(),
                                        path,
                                        "lead " + l.leadId() + " from " + l.idSource() + " appears twice");
                            }
                            leads.add(l);
                        });
            }
        }
        findings.throwIfAny();
        return plan(file, leads, current);
    }

    private static ImportPlan plan(String file, List<Lead> leads, PropertyRecords current) {
        People people = new People(current);
        Tally tally = new Tally();
        ChangeSet.Builder set = ChangeSet.builder();
        Map<String, Interest> interests = new LinkedHashMap<>();
        List<GuestCard> cards = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (Lead l : leads) {
            Contact c = people.resolve(l.candidate(), "lead " + l.leadId());
            String key = c.id() + "|" + l.community().id();
            Optional<Interest> before = Optional.ofNullable(interests.get(key))
                    .or(() -> current.interestsOf(c.id()).stream()
                            .filter(i -> i.community().equals(l.community().id()))
                            .findFirst());
            Interest interest = before.map(b -> l.lastActivity().isBefore(b.lastActivityAt())
                            ? b
                            : b.withStatus(l.status(), l.lastActivity()))
                    .orElse(new Interest(
                            c.id(),
                            l.community().id(),
                            l.status(),
                            l.source(),
                            l.ils(),
                            l.firstContact(),
                            l.lastActivity()));
            interests.put(key, interest);
            GuestCard card = new GuestCard(
                    l.idSource() + ":" + l.leadId(),
                    c.id(),
                    l.community().id(),
                    l.source(),
                    l.ils(),
                    l.firstContact(),
                    l.preferences(),
                    l.message(),
                    Optional.empty());
            cards.add(card);
            if (before.isEmpty() && interest.status().open()) {
                events.add(leadCreated(l, c, card));
            }
        }
        for (Contact c : people.contacts().values()) {
            if (tally.count("contacts", current.contact(c.id()), c)) {
                set.contact(c);
            }
        }
        for (Interest i : interests.values()) {
            Optional<Interest> stored = current.interestsOf(i.contact()).stream()
                    .filter(x -> x.community().equals(i.community()))
                    .findFirst();
            if (tally.count("interests", stored, i)) {
                set.interest(i);
            }
        }
        for (GuestCard g : cards) {
            if (tally.count("guest cards", current.guestCard(g.id()), g)) {
                set.guestCard(g);
            }
        }
        events.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::id));
        return new ImportPlan(file, "mits-guest-cards", set.build(), tally.counts(), events, people.notes());
    }

    private static Event leadCreated(Lead l, Contact c, GuestCard card) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", l.source());
        l.ils().ifPresent(i -> data.put("ils", i));
        l.channel().ifPresent(ch -> data.put("channel", ch));
        Preferences p = l.preferences();
        p.budgetMax().ifPresent(b -> data.put("budget_max", b.toNumber()));
        p.bedrooms().ifPresent(b -> data.put("bedrooms", (long) b));
        p.moveDate().ifPresent(d -> data.put("move_date", d.toString()));
        if (p.pets().any() || p.pets().assistanceAnimals() > 0) {
            data.put("pets", p.pets().any());
            data.put("pet_types", List.copyOf(p.pets().kinds()));
        }
        if (!l.message().isEmpty()) {
            data.put("message", l.message());
        }
        l.floorPlan().ifPresent(f -> data.put("floor_plan", f));
        l.unit().ifPresent(u -> data.put("unit", u));
        return new Event(
                "lead.created:" + card.id(),
                "lead.created",
                l.firstContact(),
                Optional.of(c.id()),
                Optional.of(l.community().id()),
                Map.of("guest_card", card.id()),
                data,
                Optional.empty());
    }

    private static Optional<String> propertyId(Element e) {
        return e.child("PropertyID").flatMap(p -> p.child("Identification")).flatMap(i -> i.attribute("IDValue"));
    }

    private static Optional<Lead> read(
            Element p, String path, Optional<String> feedProperty, PropertyRecords current, Instant now, Findings f) {
        Optional<String> propertyId = propertyId(p).or(() -> feedProperty);
        Optional<Community> community = Optional.empty();
        if (propertyId.isEmpty()) {
            f.add(p, path + "/PropertyID", "is required: the community the lead is for");
        } else {
            community = current.community(propertyId.get());
            if (community.isEmpty()) {
                f.add(
                        p,
                        path + "/PropertyID",
                        "community '" + propertyId.get() + "' is not in the records; import its property feed first");
            }
        }
        List<Element> customers =
                p.child("Customers").map(c -> c.all("Customer")).orElse(List.of());
        Optional<Element> customer = customers.stream()
                .filter(c -> c.attribute("Type")
                        .map(t -> t.equalsIgnoreCase("prospect"))
                        .orElse(false))
                .findFirst()
                .or(() -> customers.stream().findFirst());
        if (customer.isEmpty()) {
            f.add(p, path + "/Customers", "needs a <Customer Type=\"prospect\">");
            return Optional.empty();
        }
        Element cu = customer.get();
        String cpath = path + "/Customers/Customer";
        Optional<Element> ident = cu.child("Identification");
        Optional<String> leadId = ident.flatMap(i -> i.attribute("IDValue"));
        if (leadId.isEmpty()) {
            f.add(
                    cu,
                    cpath + "/Identification",
                    "IDValue is required: the lead's id at its source keeps re-imports" + " from duplicating it");
        }
        Optional<String> org = ident.flatMap(i -> i.attribute("OrganizationName"));
        List<Element> events = p.child("Events").map(e -> e.all("Event")).orElse(List.of());
        java.time.ZoneId zone = community.map(Community::timezone).orElse(java.time.ZoneOffset.UTC);
        List<Instant> times = new ArrayList<>();
        List<ProspectStatus> statuses = new ArrayList<>();
        String firstType = "";
        for (Element ev : events) {
            String type = ev.attribute("EventType").orElse("");
            Optional<ProspectStatus> s = LeadEvents.status(type);
            if (s.isEmpty()) {
                f.add(ev, path + "/Events/Event", "EventType '" + type + "' is not one of " + LeadEvents.KNOWN);
                continue;
            }
            Optional<Instant> at = ev.attribute("EventDate")
                    .flatMap(d -> f.moment(d, zone, ev.line(), ev.column(), path + "/Events/Event@EventDate"));
            if (ev.attribute("EventDate").isEmpty()) {
                f.add(ev, path + "/Events/Event", "EventDate is required");
            }
            at.ifPresent(t -> {
                times.add(t);
                statuses.add(s.get());
            });
            if (firstType.isEmpty()) {
                firstType = type;
            }
        }
        Contact candidate = candidate(cu, cpath, leadId, org, community, times.isEmpty() ? now : times.get(0), f);
        Preferences prefs = preferences(p.child("CustomerPreferences"), path + "/CustomerPreferences", f);
        if (leadId.isEmpty() || community.isEmpty()) {
            return Optional.empty();
        }
        Instant first = times.stream().min(Instant::compareTo).orElse(now);
        int last = 0;
        for (int i = 1; i < times.size(); i++) {
            if (!times.get(i).isBefore(times.get(last))) {
                last = i;
            }
        }
        ProspectStatus status = statuses.isEmpty()
                ? ProspectStatus.NEW
                : times.size() == 1 && statuses.get(0) == ProspectStatus.OPEN ? ProspectStatus.NEW : statuses.get(last);
        String source = org.map(o -> "ils").orElse(LeadEvents.source(firstType));
        Optional<Element> cp = p.child("CustomerPreferences");
        return Optional.of(new Lead(
                p,
                sourceKey(org, source),
                source,
                leadId.get(),
                org,
                community.get(),
                candidate.withPreferences(prefs),
                prefs,
                cp.flatMap(x -> x.text("Comment")).orElse(""),
                cp.flatMap(x -> x.text("DesiredFloorplan")),
                cp.flatMap(x -> x.text("DesiredUnit")),
                LeadEvents.channel(firstType),
                status,
                first,
                times.isEmpty() ? first : times.get(last)));
    }

    /** The source an id belongs to: {@code ils:zillow}, {@code website}. */
    private static String sourceKey(Optional<String> org, String source) {
        return org.map(o -> "ils:" + PropertyFeedReader.slug(o)).orElse(source);
    }

    private static Contact candidate(
            Element cu,
            String path,
            Optional<String> leadId,
            Optional<String> org,
            Optional<Community> community,
            Instant firstContact,
            Findings f) {
        String first = cu.textAt("Name", "FirstName").orElse("");
        String last = cu.textAt("Name", "LastName").orElse("");
        if (first.isEmpty() && last.isEmpty()) {
            f.add(cu, path + "/Name", "needs a FirstName or LastName");
        }
        List<ContactPoint> points = new ArrayList<>();
        for (Element e : cu.all("Email")) {
            try {
                points.add(ContactPoint.email(e.text(), false));
            } catch (IllegalArgumentException x) {
                f.add(e, path + "/Email", x.getMessage());
            }
        }
        for (Element ph : cu.all("Phone")) {
            Optional<String> number = ph.text("PhoneNumber");
            try {
                points.add(ContactPoint.phone(number.orElse(""), false));
            } catch (IllegalArgumentException x) {
                f.add(ph, path + "/Phone/PhoneNumber", x.getMessage());
            }
        }
        if (cu.all("Email").isEmpty() && cu.all("Phone").isEmpty()) {
            f.add(cu, path, "needs an Email or a Phone: a lead we cannot answer is not a lead");
        }
        String source = org.map(o -> "ils:" + PropertyFeedReader.slug(o)).orElse("lead");
        String id = ContactIds.of(source, leadId.orElse(""));
        List<Consent> consents = new ArrayList<>();
        if (points.stream().anyMatch(p -> p.kind() == ContactPoint.Kind.EMAIL)) {
            // asking about a home is asking to be answered; marketing and texts need their own consent
            consents.add(new Consent(Channel.EMAIL, Purpose.TRANSACTIONAL, true, source, firstContact));
        }
        LocalDate since = firstContact
                .atZone(community.map(Community::timezone).orElse(java.time.ZoneOffset.UTC))
                .toLocalDate();
        return new Contact(
                id,
                first,
                last,
                List.of(new RoleSpan(Role.PROSPECT, community.map(Community::id), since, Optional.empty())),
                points,
                consents,
                community.map(Community::timezone),
                "en",
                community.map(Community::id),
                Preferences.none(),
                leadId.map(l -> Map.of(source, l)).orElse(Map.of()));
    }

    private static Preferences preferences(Optional<Element> cp, String path, Findings f) {
        if (cp.isEmpty()) {
            return Preferences.none();
        }
        Element e = cp.get();
        Optional<LocalDate> move =
                e.child("TargetMoveInDate").flatMap(d -> MitsDates.read(d, path + "/TargetMoveInDate", f));
        Optional<Money> rent = e.child("DesiredRent")
                .flatMap(r -> r.attribute("Max")
                        .or(() -> r.attribute("Exact"))
                        .or(() -> Optional.of(r.text()).filter(t -> !t.isEmpty()))
                        .flatMap(t -> f.money(t, r.line(), r.column(), path + "/DesiredRent")));
        OptionalInt beds = e.child("DesiredNumBedrooms")
                .flatMap(b -> b.attribute("Exact")
                        .or(() -> b.attribute("Min"))
                        .or(() -> Optional.of(b.text()).filter(t -> !t.isEmpty()))
                        .map(t -> f.count(t, b.line(), b.column(), path + "/DesiredNumBedrooms")))
                .orElse(OptionalInt.empty());
        Map<String, Integer> pets = new LinkedHashMap<>();
        for (Element pet : e.all("Pets")) {
            int n = pet.attribute("Count")
                    .map(c -> f.count(c, pet.line(), pet.column(), path + "/Pets@Count")
                            .orElse(0))
                    .orElse(1);
            pets.merge(pet.attribute("PetType").orElse("pet").toLowerCase(Locale.ROOT), n, Integer::sum);
        }
        return new Preferences(
                rent,
                beds,
                move,
                pets.isEmpty() ? Pets.none() : Pets.parse(pets),
                0,
                Set.of(),
                Set.of(),
                Optional.empty());
    }
}
