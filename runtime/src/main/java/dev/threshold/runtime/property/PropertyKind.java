package dev.threshold.runtime.property;

import dev.threshold.domain.addon.AddOn;
import dev.threshold.domain.addon.AddOnPurchase;
import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.leasing.Application;
import dev.threshold.domain.leasing.GuestCard;
import dev.threshold.domain.leasing.Interest;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.leasing.Tour;
import dev.threshold.domain.maintenance.Feedback;
import dev.threshold.domain.maintenance.WorkOrder;
import dev.threshold.domain.moveout.MoveOut;
import dev.threshold.domain.payment.Payment;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.renewal.RenewalPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One kind of property record as the store keeps it: its name in {@code property_records.kind}, its class, its
 * key (unique within the kind: a unit's is {@code community/unit}), the community and the person it belongs to,
 * and where it sits in a {@link ChangeSet}.
 */
public record PropertyKind<T>(
        String id,
        Class<T> type,
        Function<T, String> key,
        Function<T, Optional<String>> community,
        Function<T, Optional<String>> contact,
        Function<ChangeSet, List<T>> inSet,
        BiConsumer<ChangeSet.Builder, T> toSet) {

    /** A renewal policy with the community it is for (a change set keeps them in a map). */
    public record Policy(String community, RenewalPolicy policy) {}

    public static final PropertyKind<Community> COMMUNITY = new PropertyKind<>(
            "community",
            Community.class,
            Community::id,
            c -> Optional.of(c.id()),
            c -> Optional.empty(),
            ChangeSet::communities,
            ChangeSet.Builder::community);
    public static final PropertyKind<Policy> RENEWAL_POLICY = new PropertyKind<>(
            "renewal-policy",
            Policy.class,
            Policy::community,
            p -> Optional.of(p.community()),
            p -> Optional.empty(),
            s -> s.renewalPolicies().entrySet().stream()
                    .map(e -> new Policy(e.getKey(), e.getValue()))
                    .toList(),
            (b, p) -> b.renewalPolicy(p.community(), p.policy()));
    public static final PropertyKind<FloorPlan> FLOOR_PLAN = new PropertyKind<>(
            "floor-plan",
            FloorPlan.class,
            f -> f.community() + "/" + f.id(),
            f -> Optional.of(f.community()),
            f -> Optional.empty(),
            ChangeSet::floorPlans,
            ChangeSet.Builder::floorPlan);
    public static final PropertyKind<Unit> UNIT = new PropertyKind<>(
            "unit",
            Unit.class,
            u -> u.community() + "/" + u.id(),
            u -> Optional.of(u.community()),
            u -> Optional.empty(),
            ChangeSet::units,
            ChangeSet.Builder::unit);
    public static final PropertyKind<AddOn> ADD_ON = new PropertyKind<>(
            "add-on",
            AddOn.class,
            a -> a.community() + "/" + a.id(),
            a -> Optional.of(a.community()),
            a -> Optional.empty(),
            ChangeSet::addOns,
            ChangeSet.Builder::addOn);
    public static final PropertyKind<Contact> CONTACT = new PropertyKind<>(
            "contact",
            Contact.class,
            Contact::id,
            Contact::community,
            c -> Optional.of(c.id()),
            ChangeSet::contacts,
            ChangeSet.Builder::contact);
    public static final PropertyKind<Interest> INTEREST = new PropertyKind<>(
            "interest",
            Interest.class,
            i -> i.contact() + "/" + i.community(),
            i -> Optional.of(i.community()),
            i -> Optional.of(i.contact()),
            ChangeSet::interests,
            ChangeSet.Builder::interest);
    public static final PropertyKind<GuestCard> GUEST_CARD = new PropertyKind<>(
            "guest-card",
            GuestCard.class,
            GuestCard::id,
            g -> Optional.of(g.community()),
            g -> Optional.of(g.contact()),
            ChangeSet::guestCards,
            ChangeSet.Builder::guestCard);
    public static final PropertyKind<Tour> TOUR = new PropertyKind<>(
            "tour",
            Tour.class,
            Tour::id,
            t -> Optional.of(t.community()),
            t -> Optional.of(t.contact()),
            ChangeSet::tours,
            ChangeSet.Builder::tour);
    public static final PropertyKind<Application> APPLICATION = new PropertyKind<>(
            "application",
            Application.class,
            Application::id,
            a -> Optional.of(a.community()),
            a -> Optional.empty(),
            ChangeSet::applications,
            ChangeSet.Builder::application);
    public static final PropertyKind<Lease> LEASE = new PropertyKind<>(
            "lease",
            Lease.class,
            Lease::id,
            l -> Optional.of(l.community()),
            l -> Optional.of(l.primary()),
            ChangeSet::leases,
            ChangeSet.Builder::lease);
    public static final PropertyKind<Payment> PAYMENT = new PropertyKind<>(
            "payment",
            Payment.class,
            Payment::id,
            p -> Optional.empty(),
            p -> Optional.of(p.contact()),
            ChangeSet::payments,
            ChangeSet.Builder::payment);
    public static final PropertyKind<AddOnPurchase> PURCHASE = new PropertyKind<>(
            "purchase",
            AddOnPurchase.class,
            p -> p.contact() + "/" + p.addOn() + "@" + p.since(),
            p -> Optional.of(p.community()),
            p -> Optional.of(p.contact()),
            ChangeSet::purchases,
            ChangeSet.Builder::purchase);
    public static final PropertyKind<WorkOrder> WORK_ORDER = new PropertyKind<>(
            "work-order",
            WorkOrder.class,
            WorkOrder::id,
            w -> Optional.of(w.community()),
            w -> Optional.of(w.contact()),
            ChangeSet::workOrders,
            ChangeSet.Builder::workOrder);
    public static final PropertyKind<Feedback> FEEDBACK = new PropertyKind<>(
            "feedback",
            Feedback.class,
            Feedback::id,
            f -> Optional.of(f.community()),
            f -> Optional.of(f.contact()),
            ChangeSet::feedback,
            ChangeSet.Builder::feedback);
    public static final PropertyKind<MoveOut> MOVE_OUT = new PropertyKind<>(
            "move-out",
            MoveOut.class,
            m -> m.contact() + "/" + m.lease(),
            m -> Optional.of(m.community()),
            m -> Optional.of(m.contact()),
            ChangeSet::moveOuts,
            ChangeSet.Builder::moveOut);

    /** Every kind, in the order a change set is checked and written (what others refer to first). */
    public static final List<PropertyKind<?>> ALL = List.of(
            COMMUNITY,
            RENEWAL_POLICY,
            FLOOR_PLAN,
            UNIT,
            ADD_ON,
            CONTACT,
            INTEREST,
            GUEST_CARD,
            TOUR,
            APPLICATION,
            LEASE,
            PAYMENT,
            PURCHASE,
            WORK_ORDER,
            FEEDBACK,
            MOVE_OUT);

    public static final Map<String, PropertyKind<?>> BY_ID =
            ALL.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(PropertyKind::id, k -> k));

    /** Adds a record read back from the store to a change set. */
    void add(ChangeSet.Builder builder, Object record) {
        toSet.accept(builder, type.cast(record));
    }
}
