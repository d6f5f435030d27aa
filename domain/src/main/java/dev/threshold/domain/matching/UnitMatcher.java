package dev.threshold.domain.matching;

import dev.threshold.domain.action.Wording;
import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Matches a community's units to a search: hard filters, then a score out of 100 (40 for price fit, 30 for
 * date fit, 30 for stated preferences), ranked best first with ties broken by rent, date and unit id, so
 * the same inputs always give the same order. A unit that is not leasable, or not ready by the move date,
 * never passes.
 */
public final class UnitMatcher {
    private static final Comparator<UnitMatch> RANKING = Comparator.comparingInt(UnitMatch::score)
            .reversed()
            .thenComparing(UnitMatch::rent)
            .thenComparing(UnitMatch::readyOn)
            .thenComparing(m -> m.unit().id());

    /** Every unit that passed, ranked, and how many each filter left out. */
    public record Outcome(List<UnitMatch> matches, Map<Exclusion, Integer> excluded) {
        public Outcome {
            matches = List.copyOf(matches);
            excluded = Map.copyOf(excluded);
        }
    }

    public Outcome match(
            Community community, List<FloorPlan> plans, List<Unit> units, UnitSearch search, LocalDate today) {
        Map<String, FloorPlan> byId = new java.util.HashMap<>();
        plans.forEach(p -> byId.put(p.id(), p));
        List<UnitMatch> out = new ArrayList<>();
        Map<Exclusion, Integer> excluded = new EnumMap<>(Exclusion.class);
        for (Unit unit : units) {
            FloorPlan plan = byId.get(unit.floorPlan());
            if (plan == null) {
                continue; // a unit of an unknown floor plan cannot be described, so it is not offered
            }
            Optional<Exclusion> why = exclusion(community, plan, unit, search, today);
            if (why.isPresent()) {
                excluded.merge(why.get(), 1, Integer::sum);
            } else {
                out.add(scored(community, plan, unit, search, today));
            }
        }
        out.sort(RANKING);
        return new Outcome(out, excluded);
    }

    /** The first hard filter the unit fails, or empty when it passes them all. */
    static Optional<Exclusion> exclusion(
            Community community, FloorPlan plan, Unit unit, UnitSearch s, LocalDate today) {
        if (!unit.status().leasable()) {
            return Optional.of(Exclusion.NOT_AVAILABLE);
        }
        Optional<LocalDate> ready = unit.readyOn(today);
        if (ready.isEmpty()) {
            return Optional.of(Exclusion.NO_AVAILABLE_DATE);
        }
        if (ready.get().isAfter(s.latestReady(today))) {
            return Optional.of(Exclusion.AFTER_MOVE_DATE);
        }
        if (s.budgetCeiling().map(c -> unit.marketRent().isGreaterThan(c)).orElse(false)) {
            return Optional.of(Exclusion.OVER_BUDGET);
        }
        if (s.bedrooms().isPresent()) {
            int want = s.bedrooms().getAsInt();
            if (s.atLeastBedrooms() ? plan.bedrooms() < want : plan.bedrooms() != want) {
                return Optional.of(Exclusion.BEDROOMS);
            }
        }
        if (s.pets().any()
                && (!unit.petsAllowed() || community.pets().refusal(s.pets()).isPresent())) {
            return Optional.of(Exclusion.PETS);
        }
        if (!unit.accessibility().containsAll(s.accessibility())) {
            return Optional.of(Exclusion.ACCESSIBILITY);
        }
        return Optional.empty();
    }

    private UnitMatch scored(Community community, FloorPlan plan, Unit unit, UnitSearch s, LocalDate today) {
        LocalDate ready = unit.readyOn(today).orElseThrow();
        List<String> reasons = new ArrayList<>();
        double date = dateFit(ready, s, today, reasons);
        double price = priceFit(unit.marketRent(), s, reasons);
        bedroomsReason(plan, s, reasons);
        if (s.pets().any()) {
            Money monthly = community.pets().monthlyFor(s.pets());
            reasons.add(s.pets().text() + " welcome"
                    + (monthly.isPositive() ? " (" + monthly.text() + " a month pet rent)" : ""));
        }
        if (!s.accessibility().isEmpty()) {
            reasons.add("has " + Wording.and(List.copyOf(new TreeSet<>(s.accessibility()))) + ", as you need");
        }
        double preferences = preferenceFit(plan, unit, s, reasons);
        int score = (int) Math.round(100 * (0.4 * price + 0.3 * date + 0.3 * preferences));
        return new UnitMatch(community, plan, unit, ready, unit.marketRent(), score, reasons);
    }

    private static double dateFit(LocalDate ready, UnitSearch s, LocalDate today, List<String> reasons) {
        String when = ready.equals(today) ? "available now" : "available " + Wording.day(ready, today);
        if (s.moveDate().isEmpty()) {
            long wait = ChronoUnit.DAYS.between(today, ready);
            reasons.add(when);
            return wait <= 14 ? 1.0 : Math.max(0.5, 1.0 - (wait - 14) / (2.0 * Math.max(1, s.horizonDays())));
        }
        LocalDate move =
                s.moveDate().get().isBefore(today) ? today : s.moveDate().get();
        long early = ChronoUnit.DAYS.between(ready, move);
        if (early >= 0) {
            reasons.add(when
                    + (early == 0 ? ", on your move date" : ", " + Wording.days(early) + " before your move date"));
            return early <= 30 ? 1.0 : Math.max(0.5, 1.0 - (early - 30) / 120.0);
        }
        long late = -early;
        reasons.add(when + ", " + Wording.days(late) + " after your move date (within the "
                + Wording.days(s.moveFlexDays()) + " you allowed)");
        return 0.5 - 0.3 * late / Math.max(1, s.moveFlexDays());
    }

    private static double priceFit(Money rent, UnitSearch s, List<String> reasons) {
        if (s.budgetMax().isEmpty()) {
            reasons.add(rent.text() + " a month");
            return 0.7;
        }
        Money budget = s.budgetMax().get();
        if (!rent.isGreaterThan(budget)) {
            Money under = budget.minus(rent);
            reasons.add(rent.text() + " a month"
                    + (under.isPositive() ? ", " + under.text() + " under your budget" : ", right at your budget"));
            double ratio = rent.amount()
                    .divide(budget.amount(), 4, java.math.RoundingMode.HALF_UP)
                    .doubleValue();
            return ratio <= 0.9 ? 1.0 : 1.0 - (ratio - 0.9) * 4; // 1.0 at 90% of budget, 0.6 at 100%
        }
        Money over = rent.minus(budget);
        reasons.add(rent.text() + " a month, " + over.text() + " over your budget (within the " + s.budgetFlexPercent()
                + "% you allowed)");
        BigDecimal overPercent = over.percentOf(budget);
        return Math.max(0, 0.6 - 0.6 * overPercent.doubleValue() / Math.max(1, s.budgetFlexPercent()));
    }

    private static void bedroomsReason(FloorPlan plan, UnitSearch s, List<String> reasons) {
        String layout = plan.name() + ", " + plan.layout();
        if (s.bedrooms().isEmpty()) {
            reasons.add(layout);
        } else if (plan.bedrooms() == s.bedrooms().getAsInt()) {
            reasons.add(layout + ", as asked");
        } else {
            reasons.add(layout + " (you asked for at least " + s.bedrooms().getAsInt() + " bed)");
        }
    }

    private static double preferenceFit(FloorPlan plan, Unit unit, UnitSearch s, List<String> reasons) {
        int wanted = 0;
        int met = 0;
        if (!s.features().isEmpty()) {
            List<String> has = new ArrayList<>();
            for (String f : new TreeSet<>(s.features())) {
                wanted++;
                if (unit.amenities().contains(f)
                        || unit.view()
                                .map(v -> (v + "-view").equals(f) || v.equals(f))
                                .orElse(false)) {
                    met++;
                    has.add(f);
                }
            }
            if (!has.isEmpty()) {
                reasons.add("has " + Wording.and(has) + ", as you prefer");
            }
        }
        if (s.floor().isPresent()) {
            wanted++;
            String f = s.floor().get();
            boolean ok = switch (f) {
                case "ground" -> unit.floor() <= 1;
                case "upper" -> unit.floor() >= 2;
                case "top" -> unit.floor() >= 3;
                default -> false;
            };
            if (ok) {
                met++;
                reasons.add("on floor " + unit.floor() + " (" + f + " floor, as you prefer)");
            }
        }
        if (s.floorPlan().isPresent()) {
            wanted++;
            if (s.floorPlan().get().equalsIgnoreCase(plan.id())
                    || s.floorPlan().get().equalsIgnoreCase(plan.name())) {
                met++;
                reasons.add("the " + plan.name() + " floor plan you asked about");
            }
        }
        return wanted == 0 ? 0.7 : (double) met / wanted;
    }
}
