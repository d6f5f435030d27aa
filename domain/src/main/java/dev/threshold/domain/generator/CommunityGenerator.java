package dev.threshold.domain.generator;

import dev.threshold.domain.addon.AddOn;
import dev.threshold.domain.addon.AddOnKind;
import dev.threshold.domain.community.Address;
import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.GeoPoint;
import dev.threshold.domain.community.PetPolicy;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.renewal.GoodStanding;
import dev.threshold.domain.renewal.RenewalPolicy;
import dev.threshold.domain.renewal.TermOption;
import dev.threshold.engine.time.BusinessCalendar;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One community of a synthetic portfolio: where it is, its floor plans (studios to three bedrooms at the
 * market's rents, scaled by the community's quality), its pet and renewal policies and its add-ons.
 */
final class CommunityGenerator {
    /** A generated community and what its units are built from. */
    record Built(Community community, List<FloorPlan> plans, int[] planWeights, double quality, Market market) {}

    private static final double[] BED_FACTOR = {0.78, 1.0, 1.32, 1.65};

    static Built build(long seed, int index, String portfolio, Batch out) {
        Draw d = Draw.of(seed, "community", index);
        Market m = Market.ALL.get(index % Market.ALL.size());
        String name = d.pick(Names.PLACE) + " " + d.pick(Names.KIND);
        String id = name.toLowerCase(Locale.ROOT).replace(' ', '-') + "-" + (index + 1);
        double quality = d.normal(1.0, 0.12, 0.75, 1.35);
        GeoPoint where = new GeoPoint(m.latitude() + d.between(-0.15, 0.15), m.longitude() + d.between(-0.18, 0.18));
        Community c = new Community(
                id,
                name,
                portfolio,
                m.id(),
                m.zone(),
                new Address(
                        (100 + d.between(0, 9800)) + " " + d.pick(Names.PLACE) + " "
                                + d.pick(List.of("St", "Ave", "Blvd", "Dr", "Way")),
                        "",
                        m.city(),
                        m.state(),
                        String.format("%05d", d.between(10000, 99999)),
                        "US"),
                Optional.of(where),
                calendar(m),
                pets(d),
                "+1555" + String.format("%07d", index),
                "leasing@" + id + ".example.com",
                Map.of(
                        "website",
                        "https://" + id + ".example.com",
                        "tour",
                        "https://" + id + ".example.com/tour",
                        "apply",
                        "https://" + id + ".example.com/apply",
                        "referral",
                        "https://" + id + ".example.com/refer"));
        out.records.community(c);
        out.records.renewalPolicy(id, renewalPolicy(d, m));
        List<FloorPlan> plans = new ArrayList<>();
        int planCount = d.between(4, 6);
        int[] weights = new int[planCount];
        for (int p = 0; p < planCount; p++) {
            int beds = p == 0 ? 0 : p == planCount - 1 ? 3 : p <= planCount / 2 ? 1 : 2;
            int sqft = (int) Math.round((beds == 0 ? 520 : 560 + 330 * beds) * d.between(0.92, 1.1));
            long rent = Math.round(m.oneBedRent() * BED_FACTOR[beds] * quality * d.between(0.96, 1.04) / 5) * 5;
            FloorPlan plan = new FloorPlan(
                    id,
                    Names.PLAN.get(p).toLowerCase(Locale.ROOT),
                    Names.PLAN.get(p),
                    beds,
                    beds <= 1 ? 1 : beds == 2 ? d.pick(List.of(1.0, 2.0, 2.0)) : 2.0,
                    OptionalInt.of(sqft),
                    Money.dollars(rent));
            plans.add(plan);
            out.records.floorPlan(plan);
            weights[p] = beds == 0 ? 10 : beds == 1 ? 40 : beds == 2 ? 38 : 12;
        }
        addOns(d, id, out);
        return new Built(c, plans, weights, quality, m);
    }

    private static BusinessCalendar calendar(Market m) {
        Map<DayOfWeek, BusinessCalendar.Hours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day == DayOfWeek.SUNDAY) {
                continue;
            }
            week.put(
                    day,
                    day == DayOfWeek.SATURDAY
                            ? new BusinessCalendar.Hours(LocalTime.of(10, 0), LocalTime.of(17, 0))
                            : new BusinessCalendar.Hours(LocalTime.of(9, 0), LocalTime.of(18, 0)));
        }
        return new BusinessCalendar(m.zone(), week, Set.of());
    }

    private static PetPolicy pets(Draw d) {
        return switch (d.weighted(70, 20, 10)) {
            case 0 ->
                new PetPolicy(
                        Set.of("cat", "dog"),
                        2,
                        OptionalInt.of(d.pick(List.of(50, 75, 100))),
                        Money.dollars(300),
                        Money.dollars(d.pick(List.of(25, 35, 45))),
                        Money.dollars(250));
            case 1 ->
                new PetPolicy(
                        Set.of("cat"),
                        2,
                        OptionalInt.empty(),
                        Money.dollars(250),
                        Money.dollars(25),
                        Money.dollars(200));
            default -> PetPolicy.noPets();
        };
    }

    private static RenewalPolicy renewalPolicy(Draw d, Market m) {
        int cap = d.between(3, 8);
        return new RenewalPolicy(
                BigDecimal.valueOf(cap),
                Optional.of(Money.dollars(d.pick(List.of(100, 150, 200, 250)))),
                m.state().equals("OR") || m.state().equals("CA") ? Optional.of(BigDecimal.TEN) : Optional.empty(),
                12,
                List.of(
                        TermOption.of(6, Money.dollars(d.pick(List.of(75, 100, 150)))),
                        TermOption.of(12),
                        TermOption.of(15, Money.dollars(-d.pick(List.of(10, 15, 25))))),
                Optional.of(new GoodStanding(
                        12, d.pick(List.of(0, 0, 1)), 5, Money.dollars(d.pick(List.of(0, 15, 25))), Money.ZERO)),
                d.pick(List.of(60, 60, 75, 90)),
                Money.dollars(5),
                false);
    }

    private static void addOns(Draw d, String community, Batch out) {
        out.records.addOn(addOn(
                community,
                "covered-parking",
                AddOnKind.PARKING,
                "Covered parking",
                d.between(40, 75),
                d.between(0, 20),
                Set.of()));
        out.records.addOn(addOn(
                community,
                "garage",
                AddOnKind.PARKING,
                "Private garage",
                d.between(100, 160),
                d.between(0, 6),
                Set.of()));
        out.records.addOn(addOn(
                community,
                "garage-ev",
                AddOnKind.PARKING,
                "Garage with EV charger",
                d.between(140, 190),
                d.between(0, 3),
                Set.of("ev")));
        out.records.addOn(addOn(
                community,
                "storage",
                AddOnKind.STORAGE,
                "Storage locker",
                d.between(30, 60),
                d.between(0, 15),
                Set.of()));
        out.records.addOn(
                addOn(community, "pet-spa", AddOnKind.PET, "Pet spa membership", d.between(10, 20), -1, Set.of("dog")));
        out.records.addOn(
                addOn(community, "fiber", AddOnKind.UTILITY, "Fiber internet 1 Gbps", d.between(50, 70), -1, Set.of()));
        out.records.addOn(addOn(
                community,
                "insurance",
                AddOnKind.RENTER_SERVICE,
                "Renter's insurance",
                d.between(10, 15),
                -1,
                Set.of("no-insurance")));
    }

    private static AddOn addOn(
            String community,
            String id,
            AddOnKind kind,
            String name,
            int monthly,
            int remaining,
            Set<String> requires) {
        return new AddOn(
                community,
                id,
                kind,
                name,
                Money.dollars(monthly),
                Money.ZERO,
                remaining < 0 ? OptionalInt.empty() : OptionalInt.of(remaining),
                requires);
    }
}
