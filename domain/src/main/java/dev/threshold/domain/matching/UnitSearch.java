package dev.threshold.domain.matching;

import dev.threshold.domain.contact.Pets;
import dev.threshold.domain.money.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a person looks for, as matching applies it: hard filters first (available by the move date, the
 * budget, the bedrooms, the pets, the accessibility needs), then preferences that only change the score.
 *
 * @param moveFlexDays how many days after the move date a unit may still become ready
 * @param budgetFlexPercent 0 makes the budget a hard limit; 5 admits units up to 5% over it, scored lower
 * @param atLeastBedrooms whether more bedrooms than asked also fit
 * @param horizonDays without a move date, how far ahead a unit may become ready
 * @param floor {@code ground}, {@code upper} or {@code top}
 * @param floorPlan a floor plan they asked about, preferred in the score
 */
public record UnitSearch(
        Optional<LocalDate> moveDate,
        int moveFlexDays,
        Optional<Money> budgetMax,
        int budgetFlexPercent,
        OptionalInt bedrooms,
        boolean atLeastBedrooms,
        Pets pets,
        Set<String> accessibility,
        Set<String> features,
        Optional<String> floor,
        Optional<String> floorPlan,
        int horizonDays,
        int limit) {

    public UnitSearch {
        accessibility = Set.copyOf(accessibility);
        features = Set.copyOf(features);
        if (moveFlexDays < 0 || budgetFlexPercent < 0 || horizonDays < 0) {
            throw new IllegalArgumentException("flexibility and horizon cannot be negative");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("a search returns at least one unit; limit was " + limit);
        }
    }

    /** A search with nothing known: everything ready within 60 days, three results. */
    public static UnitSearch anything() {
        return new UnitSearch(
                Optional.empty(),
                0,
                Optional.empty(),
                0,
                OptionalInt.empty(),
                false,
                Pets.none(),
                Set.of(),
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                60,
                3);
    }

    /** The most a unit may cost to pass the budget filter. */
    public Optional<Money> budgetCeiling() {
        return budgetMax.map(b -> b.plus(b.percent(java.math.BigDecimal.valueOf(budgetFlexPercent))));
    }

    /** The last day a unit may become ready. */
    public LocalDate latestReady(LocalDate today) {
        return moveDate.map(d -> (d.isBefore(today) ? today : d).plusDays(moveFlexDays))
                .orElse(today.plusDays(horizonDays));
    }

    /** The qualifying questions still unanswered, for a journey to ask: budget, move date, bedrooms. */
    public List<String> missing() {
        List<String> out = new ArrayList<>();
        if (budgetMax.isEmpty()) {
            out.add("budget_max");
        }
        if (moveDate.isEmpty()) {
            out.add("move_date");
        }
        if (bedrooms.isEmpty()) {
            out.add("bedrooms");
        }
        return out;
    }
}
