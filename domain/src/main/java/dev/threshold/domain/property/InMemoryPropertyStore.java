package dev.threshold.domain.property;

import dev.threshold.domain.addon.AddOn;
import dev.threshold.domain.addon.AddOnPurchase;
import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.ContactPoint;
import dev.threshold.domain.leasing.Application;
import dev.threshold.domain.leasing.GuestCard;
import dev.threshold.domain.leasing.Interest;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.leasing.Tour;
import dev.threshold.domain.maintenance.Feedback;
import dev.threshold.domain.maintenance.WorkOrder;
import dev.threshold.domain.moveout.MoveOut;
import dev.threshold.domain.payment.Payment;
import dev.threshold.domain.referral.ReferralCode;
import dev.threshold.domain.renewal.RenewalPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Property records in memory: for the simulator, the command line's dry-run imports, tests and the
 * generator. Thread-safe; a change set is checked completely before anything is written.
 */
public final class InMemoryPropertyStore implements PropertyRecords, PropertyRepository {
    private final Map<String, Community> communities = new TreeMap<>();
    private final Map<String, RenewalPolicy> policies = new HashMap<>();
    private final Map<String, Map<String, FloorPlan>> floorPlans = new HashMap<>();
    private final Map<String, Map<String, Unit>> units = new HashMap<>();
    private final Map<String, Map<String, AddOn>> addOns = new HashMap<>();
    private final Map<String, Contact> contacts = new HashMap<>();
    private final Map<String, Set<String>> byPoint = new HashMap<>();
    private final Map<String, String> byExternalId = new HashMap<>();
    private final Map<String, Set<String>> byCode = new HashMap<>();
    private final Map<String, Map<String, Interest>> interests = new HashMap<>();
    private final Map<String, GuestCard> guestCards = new HashMap<>();
    private final Map<String, Tour> tours = new HashMap<>();
    private final Map<String, Application> applications = new HashMap<>();
    private final Map<String, Lease> leases = new HashMap<>();
    private final Map<String, Payment> payments = new HashMap<>();
    private final Map<String, Map<String, AddOnPurchase>> purchases = new HashMap<>();
    private final Map<String, WorkOrder> workOrders = new HashMap<>();
    private final Map<String, Feedback> feedback = new HashMap<>();
    private final Map<String, Map<String, MoveOut>> moveOuts = new HashMap<>();
    private final Index leasesByContact = new Index();
    private final Index paymentsByContact = new Index();
    private final Index toursByContact = new Index();
    private final Index workOrdersByContact = new Index();
    private final Index feedbackByContact = new Index();

    /** A store holding one change set. */
    public static InMemoryPropertyStore of(ChangeSet changes) {
        InMemoryPropertyStore store = new InMemoryPropertyStore();
        store.apply(changes);
        return store;
    }

    @Override
    public PropertyRecords records() {
        return this;
    }

    @Override
    public synchronized void apply(ChangeSet c) {
        ChangeSetCheck.check(c, this);
        c.communities().forEach(x -> communities.put(x.id(), x));
        policies.putAll(c.renewalPolicies());
        c.floorPlans().forEach(x -> in(floorPlans, x.community()).put(x.id(), x));
        c.units().forEach(x -> in(units, x.community()).put(x.id(), x));
        c.addOns().forEach(x -> in(addOns, x.community()).put(x.id(), x));
        c.contacts().forEach(this::putContact);
        c.interests().forEach(x -> in(interests, x.contact()).put(x.community(), x));
        c.guestCards().forEach(x -> guestCards.put(x.id(), x));
        c.tours().forEach(x -> put(tours, toursByContact, x.id(), x, t -> List.of(t.contact())));
        c.applications().forEach(x -> applications.put(x.id(), x));
        c.leases().forEach(x -> put(leases, leasesByContact, x.id(), x, Lease::residents));
        c.payments().forEach(x -> put(payments, paymentsByContact, x.id(), x, p -> List.of(p.contact())));
        c.purchases().forEach(x -> in(purchases, x.contact()).put(x.addOn() + "@" + x.since(), x));
        c.workOrders().forEach(x -> put(workOrders, workOrdersByContact, x.id(), x, w -> List.of(w.contact())));
        c.feedback().forEach(x -> put(feedback, feedbackByContact, x.id(), x, f -> List.of(f.contact())));
        c.moveOuts().forEach(x -> in(moveOuts, x.contact()).put(x.lease(), x));
    }

    private static <V> Map<String, V> in(Map<String, Map<String, V>> map, String key) {
        return map.computeIfAbsent(key, k -> new TreeMap<>());
    }

    private static <V> void put(Map<String, V> map, Index index, String id, V value, Function<V, List<String>> owners) {
        V old = map.put(id, value);
        if (old != null) {
            owners.apply(old).forEach(o -> index.remove(o, id));
        }
        owners.apply(value).forEach(o -> index.add(o, id));
    }

    private void putContact(Contact c) {
        Contact old = contacts.put(c.id(), c);
        if (old != null) {
            old.points()
                    .forEach(p -> byPoint.getOrDefault(key(p), new TreeSet<>()).remove(old.id()));
            old.externalIds().forEach((s, id) -> byExternalId.remove(s + "|" + id));
            byCode.getOrDefault(code(old), new TreeSet<>()).remove(old.id());
        }
        c.points()
                .forEach(p ->
                        byPoint.computeIfAbsent(key(p), k -> new TreeSet<>()).add(c.id()));
        c.externalIds().forEach((s, id) -> byExternalId.put(s + "|" + id, c.id()));
        byCode.computeIfAbsent(code(c), k -> new TreeSet<>()).add(c.id());
    }

    private static String key(ContactPoint p) {
        return p.kind() + ":" + p.value();
    }

    private static String code(Contact c) {
        return ReferralCode.of(c.id(), c.firstName()).value();
    }

    // ---------------------------------------------------------------- reads

    @Override
    public synchronized Optional<Community> community(String id) {
        return Optional.ofNullable(communities.get(id));
    }

    @Override
    public synchronized List<Community> communities() {
        return List.copyOf(communities.values());
    }

    @Override
    public synchronized List<FloorPlan> floorPlans(String community) {
        return List.copyOf(floorPlans.getOrDefault(community, Map.of()).values());
    }

    @Override
    public synchronized Optional<FloorPlan> floorPlan(String community, String id) {
        return Optional.ofNullable(floorPlans.getOrDefault(community, Map.of()).get(id));
    }

    @Override
    public synchronized List<Unit> units(String community) {
        return List.copyOf(units.getOrDefault(community, Map.of()).values());
    }

    @Override
    public synchronized Optional<Unit> unit(String community, String id) {
        return Optional.ofNullable(units.getOrDefault(community, Map.of()).get(id));
    }

    @Override
    public synchronized Optional<RenewalPolicy> renewalPolicy(String community) {
        return Optional.ofNullable(policies.get(community));
    }

    @Override
    public synchronized List<AddOn> addOns(String community) {
        return List.copyOf(addOns.getOrDefault(community, Map.of()).values());
    }

    @Override
    public synchronized List<AddOnPurchase> purchasesOf(String contact) {
        return List.copyOf(purchases.getOrDefault(contact, Map.of()).values());
    }

    @Override
    public synchronized Optional<Contact> contact(String id) {
        return Optional.ofNullable(contacts.get(id));
    }

    @Override
    public synchronized Optional<Contact> contactByExternalId(String source, String id) {
        return Optional.ofNullable(byExternalId.get(source + "|" + id)).map(contacts::get);
    }

    @Override
    public synchronized List<Contact> contactsWith(ContactPoint point) {
        return byPoint.getOrDefault(key(point), Set.of()).stream()
                .map(contacts::get)
                .toList();
    }

    @Override
    public synchronized List<Contact> holdersOf(ReferralCode code) {
        return byCode.getOrDefault(code.value(), Set.of()).stream()
                .map(contacts::get)
                .toList();
    }

    @Override
    public synchronized Optional<Lease> lease(String id) {
        return Optional.ofNullable(leases.get(id));
    }

    @Override
    public synchronized List<Lease> leasesOf(String contact) {
        return leasesByContact.values(contact, leases).stream()
                .sorted(Comparator.comparing(Lease::start).thenComparing(Lease::id))
                .toList();
    }

    @Override
    public synchronized List<Payment> paymentsOf(String contact) {
        return paymentsByContact.values(contact, payments).stream()
                .sorted(Comparator.comparing(Payment::dueOn).thenComparing(Payment::id))
                .toList();
    }

    @Override
    public synchronized List<Interest> interestsOf(String contact) {
        return List.copyOf(interests.getOrDefault(contact, Map.of()).values());
    }

    @Override
    public synchronized Optional<GuestCard> guestCard(String id) {
        return Optional.ofNullable(guestCards.get(id));
    }

    @Override
    public synchronized List<Tour> toursOf(String contact) {
        return toursByContact.values(contact, tours).stream()
                .sorted(Comparator.comparing(Tour::startsAt))
                .toList();
    }

    @Override
    public synchronized Optional<Application> application(String id) {
        return Optional.ofNullable(applications.get(id));
    }

    @Override
    public synchronized Optional<WorkOrder> workOrder(String id) {
        return Optional.ofNullable(workOrders.get(id));
    }

    @Override
    public synchronized List<WorkOrder> workOrdersOf(String contact) {
        return workOrdersByContact.values(contact, workOrders).stream()
                .sorted(Comparator.comparing(WorkOrder::createdAt))
                .toList();
    }

    @Override
    public synchronized List<Feedback> feedbackOf(String contact) {
        return feedbackByContact.values(contact, feedback).stream()
                .sorted(Comparator.comparing(Feedback::at))
                .toList();
    }

    @Override
    public synchronized List<MoveOut> moveOutsOf(String contact) {
        return List.copyOf(moveOuts.getOrDefault(contact, Map.of()).values());
    }

    /** How many records of each kind it holds, for summaries. */
    public synchronized Map<String, Integer> counts() {
        Map<String, Integer> c = new LinkedHashMap<>();
        c.put("communities", communities.size());
        c.put("floor plans", floorPlans.values().stream().mapToInt(Map::size).sum());
        c.put("units", units.values().stream().mapToInt(Map::size).sum());
        c.put("add-ons", addOns.values().stream().mapToInt(Map::size).sum());
        c.put("contacts", contacts.size());
        c.put("interests", interests.values().stream().mapToInt(Map::size).sum());
        c.put("guest cards", guestCards.size());
        c.put("tours", tours.size());
        c.put("applications", applications.size());
        c.put("leases", leases.size());
        c.put("payments", payments.size());
        c.put("work orders", workOrders.size());
        c.put("feedback", feedback.size());
        c.put("move-outs", moveOuts.values().stream().mapToInt(Map::size).sum());
        return c;
    }

    /** Ids of records by the contact they belong to. */
    private static final class Index {
        private final Map<String, Set<String>> ids = new HashMap<>();

        void add(String owner, String id) {
            ids.computeIfAbsent(owner, k -> new TreeSet<>()).add(id);
        }

        void remove(String owner, String id) {
            Set<String> s = ids.get(owner);
            if (s != null) {
                s.remove(id);
            }
        }

        <V> List<V> values(String owner, Map<String, V> records) {
            List<V> out = new ArrayList<>();
            ids.getOrDefault(owner, Set.of()).forEach(id -> out.add(records.get(id)));
            return out;
        }
    }
}
