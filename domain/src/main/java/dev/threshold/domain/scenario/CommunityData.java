package dev.threshold.domain.scenario;

import dev.threshold.domain.addon.AddOn;
import dev.threshold.domain.addon.AddOnKind;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.property.ChangeSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads one community's floor plans, units, add-ons and renewal policy. */
record CommunityData(Node n, String id, ChangeSet.Builder set) {
    void read() {
        n.allow(
                "id",
                "name",
                "portfolio",
                "market",
                "timezone",
                "address",
                "location",
                "pets",
                "renewal",
                "floor_plans",
                "units",
                "addons");
        Map<String, FloorPlan> plans = new LinkedHashMap<>();
        for (Node p : n.list("floor_plans")) {
            p.allow("id", "name", "bedrooms", "bathrooms", "sqft", "market_rent");
            String pid = p.required("id");
            try {
                FloorPlan plan = new FloorPlan(
                        id,
                        pid,
                        p.text("name", pid),
                        p.integer("bedrooms", 0),
                        p.number("bathrooms").orElse(1.0),
                        p.integer("sqft"),
                        p.money("market_rent", Money.ZERO));
                plans.put(pid, plan);
                set.floorPlan(plan);
            } catch (IllegalArgumentException e) {
                p.problem(e.getMessage());
            }
        }
        for (Node u : n.list("units")) {
            unit(u, plans);
        }
        for (Node a : n.list("addons")) {
            addOn(a);
        }
        if (n.has("renewal")) {
            RenewalPolicyData.read(n.get("renewal")).ifPresent(p -> set.renewalPolicy(id, p));
        }
    }

    private void unit(Node u, Map<String, FloorPlan> plans) {
        u.allow(
                "id",
                "floor_plan",
                "status",
                "available_on",
                "market_rent",
                "floor",
                "view",
                "amenities",
                "accessibility",
                "sqft",
                "pets_allowed");
        String uid = u.required("id");
        String plan = u.required("floor_plan");
        if (!plans.containsKey(plan)) {
            u.problem("floor_plan '" + plan + "' is not among this community's floor_plans " + plans.keySet());
            return;
        }
        String statusText = u.text("status", "vacant-ready");
        Optional<UnitStatus> status = UnitStatus.parse(statusText);
        if (status.isEmpty()) {
            u.problem("status '" + statusText + "' is not one of vacant-ready, vacant-not-ready, notice-unrented,"
                    + " notice-rented, vacant-leased, occupied, offline");
            return;
        }
        set.unit(new Unit(
                id,
                uid,
                plan,
                status.get(),
                u.date("available_on"),
                u.money("market_rent", plans.get(plan).marketRent()),
                u.integer("floor", 1),
                u.text("view"),
                u.words("amenities"),
                u.words("accessibility"),
                u.integer("sqft"),
                u.flag("pets_allowed", true)));
    }

    private void addOn(Node a) {
        a.allow("id", "kind", "name", "monthly_fee", "one_time_fee", "remaining", "requires");
        String aid = a.required("id");
        String kindText = a.required("kind");
        Optional<AddOnKind> kind = AddOnKind.parse(kindText);
        if (kind.isEmpty()) {
            a.problem("kind '" + kindText + "' is not one of parking, storage, pet, utility, renter-service");
            return;
        }
        try {
            set.addOn(new AddOn(
                    id,
                    aid,
                    kind.get(),
                    a.text("name", aid),
                    a.money("monthly_fee", Money.ZERO),
                    a.money("one_time_fee", Money.ZERO),
                    a.integer("remaining"),
                    a.words("requires")));
        } catch (IllegalArgumentException e) {
            a.problem(e.getMessage());
        }
    }
}
