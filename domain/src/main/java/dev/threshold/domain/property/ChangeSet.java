package dev.threshold.domain.property;

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
import dev.threshold.domain.renewal.RenewalPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records to write together, all or none: one import, one generated portfolio. Every list is an upsert by
 * the record's key (a community by id, a unit by community and id, an interest by contact and community,
 * a purchase by contact, add-on and start, a move-out by contact and lease, the rest by id). A store
 * applies it in one transaction.
 */
public record ChangeSet(
        List<Community> communities,
        Map<String, RenewalPolicy> renewalPolicies,
        List<FloorPlan> floorPlans,
        List<Unit> units,
        List<AddOn> addOns,
        List<Contact> contacts,
        List<Interest> interests,
        List<GuestCard> guestCards,
        List<Tour> tours,
        List<Application> applications,
        List<Lease> leases,
        List<Payment> payments,
        List<AddOnPurchase> purchases,
        List<WorkOrder> workOrders,
        List<Feedback> feedback,
        List<MoveOut> moveOuts) {

    public ChangeSet {
        communities = List.copyOf(communities);
        renewalPolicies = Map.copyOf(renewalPolicies);
        floorPlans = List.copyOf(floorPlans);
        units = List.copyOf(units);
        addOns = List.copyOf(addOns);
        contacts = List.copyOf(contacts);
        interests = List.copyOf(interests);
        guestCards = List.copyOf(guestCards);
        tours = List.copyOf(tours);
        applications = List.copyOf(applications);
        leases = List.copyOf(leases);
        payments = List.copyOf(payments);
        purchases = List.copyOf(purchases);
        workOrders = List.copyOf(workOrders);
        feedback = List.copyOf(feedback);
        moveOuts = List.copyOf(moveOuts);
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** How many records it writes. */
    public int size() {
        return communities.size()
                + renewalPolicies.size()
                + floorPlans.size()
                + units.size()
                + addOns.size()
                + contacts.size()
                + interests.size()
                + guestCards.size()
                + tours.size()
                + applications.size()
                + leases.size()
                + payments.size()
                + purchases.size()
                + workOrders.size()
                + feedback.size()
                + moveOuts.size();
    }

    /** Collects records of any kind, in the order they are added. */
    public static final class Builder {
        private final List<Community> communities = new ArrayList<>();
        private final Map<String, RenewalPolicy> renewalPolicies = new LinkedHashMap<>();
        private final List<FloorPlan> floorPlans = new ArrayList<>();
        private final List<Unit> units = new ArrayList<>();
        private final List<AddOn> addOns = new ArrayList<>();
        private final List<Contact> contacts = new ArrayList<>();
        private final List<Interest> interests = new ArrayList<>();
        private final List<GuestCard> guestCards = new ArrayList<>();
        private final List<Tour> tours = new ArrayList<>();
        private final List<Application> applications = new ArrayList<>();
        private final List<Lease> leases = new ArrayList<>();
        private final List<Payment> payments = new ArrayList<>();
        private final List<AddOnPurchase> purchases = new ArrayList<>();
        private final List<WorkOrder> workOrders = new ArrayList<>();
        private final List<Feedback> feedback = new ArrayList<>();
        private final List<MoveOut> moveOuts = new ArrayList<>();

        public Builder community(Community c) {
            communities.add(c);
            return this;
        }

        public Builder renewalPolicy(String community, RenewalPolicy p) {
            renewalPolicies.put(community, p);
            return this;
        }

        public Builder floorPlan(FloorPlan f) {
            floorPlans.add(f);
            return this;
        }

        public Builder unit(Unit u) {
            units.add(u);
            return this;
        }

        public Builder addOn(AddOn a) {
            addOns.add(a);
            return this;
        }

        public Builder contact(Contact c) {
            contacts.add(c);
            return this;
        }

        public Builder interest(Interest i) {
            interests.add(i);
            return this;
        }

        public Builder guestCard(GuestCard g) {
            guestCards.add(g);
            return this;
        }

        public Builder tour(Tour t) {
            tours.add(t);
            return this;
        }

        public Builder application(Application a) {
            applications.add(a);
            return this;
        }

        public Builder lease(Lease l) {
            leases.add(l);
            return this;
        }

        public Builder payment(Payment p) {
            payments.add(p);
            return this;
        }

        public Builder purchase(AddOnPurchase p) {
            purchases.add(p);
            return this;
        }

        public Builder workOrder(WorkOrder w) {
            workOrders.add(w);
            return this;
        }

        public Builder feedback(Feedback f) {
            feedback.add(f);
            return this;
        }

        public Builder moveOut(MoveOut m) {
            moveOuts.add(m);
            return this;
        }

        public ChangeSet build() {
            return new ChangeSet(
                    communities,
                    renewalPolicies,
                    floorPlans,
                    units,
                    addOns,
                    contacts,
                    interests,
                    guestCards,
                    tours,
                    applications,
                    leases,
                    payments,
                    purchases,
                    workOrders,
                    feedback,
                    moveOuts);
        }
    }
}
