package dev.threshold.domain.property;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that a change set refers only to records that exist, in the set itself or already stored, so a
 * store can refuse it before writing anything.
 */
final class ChangeSetCheck {
    private static final int SHOWN = 20;

    private ChangeSetCheck() {}

    static void check(ChangeSet c, PropertyRecords stored) {
        Set<String> communities = new HashSet<>();
        c.communities().forEach(x -> communities.add(x.id()));
        Set<String> plans = new HashSet<>();
        c.floorPlans().forEach(x -> plans.add(x.community() + "/" + x.id()));
        Set<String> units = new HashSet<>();
        c.units().forEach(x -> units.add(x.community() + "/" + x.id()));
        Set<String> contacts = new HashSet<>();
        c.contacts().forEach(x -> contacts.add(x.id()));
        Set<String> addOns = new HashSet<>();
        c.addOns().forEach(x -> addOns.add(x.community() + "/" + x.id()));
        Set<String> leases = new HashSet<>();
        c.leases().forEach(x -> leases.add(x.id()));

        Refs refs = new Refs(stored, communities, plans, units, contacts, addOns, leases);
        List<String> problems = new ArrayList<>();
        c.renewalPolicies().keySet().forEach(k -> refs.community(k, "renewal policy", problems));
        c.floorPlans().forEach(f -> refs.community(f.community(), "floor plan " + f.id(), problems));
        c.units().forEach(u -> {
            refs.community(u.community(), "unit " + u.id(), problems);
            if (!plans.contains(u.community() + "/" + u.floorPlan())
                    && stored.floorPlan(u.community(), u.floorPlan()).isEmpty()) {
                problems.add("unit " + u.id() + " of " + u.community() + ": floor plan '" + u.floorPlan()
                        + "' does not exist");
            }
        });
        c.addOns().forEach(a -> refs.community(a.community(), "add-on " + a.id(), problems));
        c.interests().forEach(i -> {
            refs.contact(i.contact(), "interest in " + i.community(), problems);
            refs.community(i.community(), "interest of " + i.contact(), problems);
        });
        c.guestCards().forEach(g -> {
            refs.contact(g.contact(), "guest card " + g.id(), problems);
            refs.community(g.community(), "guest card " + g.id(), problems);
        });
        c.tours().forEach(t -> {
            refs.contact(t.contact(), "tour " + t.id(), problems);
            refs.community(t.community(), "tour " + t.id(), problems);
        });
        c.applications().forEach(a -> {
            refs.community(a.community(), "application " + a.id(), problems);
            a.parties().keySet().forEach(p -> refs.contact(p, "application " + a.id(), problems));
        });
        c.leases().forEach(l -> {
            refs.unit(l.community(), l.unit(), "lease " + l.id(), problems);
            l.residents().forEach(r -> refs.contact(r, "lease " + l.id(), problems));
        });
        c.payments().forEach(p -> {
            refs.contact(p.contact(), "payment " + p.id(), problems);
            p.leaseId().ifPresent(l -> refs.lease(l, "payment " + p.id(), problems));
        });
        c.purchases().forEach(p -> {
            refs.contact(p.contact(), "purchase of " + p.addOn(), problems);
            refs.addOn(p.community(), p.addOn(), "purchase by " + p.contact(), problems);
        });
        c.workOrders().forEach(w -> {
            refs.unit(w.community(), w.unit(), "work order " + w.id(), problems);
            refs.contact(w.contact(), "work order " + w.id(), problems);
        });
        c.feedback().forEach(f -> refs.contact(f.contact(), "feedback " + f.id(), problems));
        c.moveOuts().forEach(m -> refs.contact(m.contact(), "move-out of lease " + m.lease(), problems));
        if (!problems.isEmpty()) {
            String shown = String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size())));
            throw new IllegalArgumentException("nothing was written: " + problems.size() + " reference(s) to records"
                    + " that do not exist: " + shown + (problems.size() > SHOWN ? "; ..." : ""));
        }
    }

    private record Refs(
            PropertyRecords stored,
            Set<String> communities,
            Set<String> plans,
            Set<String> units,
            Set<String> contacts,
            Set<String> addOns,
            Set<String> leases) {

        void community(String id, String what, List<String> problems) {
            if (!communities.contains(id) && stored.community(id).isEmpty()) {
                problems.add(what + ": community '" + id + "' does not exist");
            }
        }

        void unit(String community, String id, String what, List<String> problems) {
            if (!units.contains(community + "/" + id)
                    && stored.unit(community, id).isEmpty()) {
                problems.add(what + ": unit '" + id + "' of community '" + community + "' does not exist");
            }
        }

        void contact(String id, String what, List<String> problems) {
            if (!contacts.contains(id) && stored.contact(id).isEmpty()) {
                problems.add(what + ": contact '" + id + "' does not exist");
            }
        }

        void addOn(String community, String id, String what, List<String> problems) {
            if (!addOns.contains(community + "/" + id)
                    && stored.addOns(community).stream().noneMatch(a -> a.id().equals(id))) {
                problems.add(what + ": add-on '" + id + "' of community '" + community + "' does not exist");
            }
        }

        void lease(String id, String what, List<String> problems) {
            if (!leases.contains(id) && stored.lease(id).isEmpty()) {
                problems.add(what + ": lease '" + id + "' does not exist");
            }
        }
    }
}
