package dev.threshold.domain.matching;

import static dev.threshold.domain.fixtures.Places.aCommunity;
import static dev.threshold.domain.fixtures.Places.aFloorPlan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.domain.community.Unit;
import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.fixtures.Requests;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.InMemoryPropertyStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of unit matching over arbitrary inventories and searches. */
@SuppressWarnings("unchecked")
class MatchingProperties {
    static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
    static final Instant NOW =
            TODAY.atTime(9, 0).atZone(ZoneId.of("America/Denver")).toInstant();

    @Property(tries = 300)
    void matching_never_returns_an_unavailable_unit_or_one_over_a_hard_budget(
            @ForAll("inventories") List<Unit> units,
            @ForAll @IntRange(min = 600, max = 4000) int budget,
            @ForAll @IntRange(min = -10, max = 120) int moveInDays,
            @ForAll @IntRange(min = 0, max = 3) int bedrooms,
            @ForAll @IntRange(min = 0, max = 14) int flexDays) {
        InMemoryPropertyStore store = store(units);
        LocalDate move = TODAY.plusDays(moveInDays);
        Map<String, Object> result = new MatchingUnits()
                .run(Requests.on(store)
                        .atCommunity("c")
                        .at(NOW)
                        .with("budget_max", (long) budget)
                        .with("move_date", move.toString())
                        .with("bedrooms", (long) bedrooms)
                        .with("move_flex_days", (long) flexDays)
                        .with("limit", 50L)
                        .build());

        LocalDate latest = (move.isBefore(TODAY) ? TODAY : move).plusDays(flexDays);
        for (Map<String, Object> m : (List<Map<String, Object>>) result.get("units")) {
            Unit unit = store.unit("c", (String) m.get("unit")).orElseThrow();
            assertThat(unit.status().leasable())
                    .as("unit %s is %s", unit.id(), unit.status())
                    .isTrue();
            LocalDate ready = LocalDate.parse((String) m.get("available_on"));
            assertThat(ready).isBeforeOrEqualTo(latest).isAfterOrEqualTo(TODAY);
            assertThat(unit.availableOn().map(d -> !d.isAfter(ready)).orElse(unit.status() == UnitStatus.VACANT_READY))
                    .isTrue();
            assertThat(unit.marketRent()).isLessThanOrEqualTo(Money.dollars(budget));
            assertThat(store.floorPlan("c", unit.floorPlan()).orElseThrow().bedrooms())
                    .isEqualTo(bedrooms);
        }
    }

    @Property(tries = 200)
    void the_ranking_is_by_score_and_the_same_inputs_give_the_same_answer(
            @ForAll("inventories") List<Unit> units, @ForAll @IntRange(min = 800, max = 4000) int budget) {
        InMemoryPropertyStore store = store(units);
        Map<String, Object> first = new MatchingUnits()
                .run(Requests.on(store)
                        .atCommunity("c")
                        .at(NOW)
                        .with("budget_max", (long) budget)
                        .with("limit", 50L)
                        .build());
        Map<String, Object> again = new MatchingUnits()
                .run(Requests.on(store(new ArrayList<>(units.reversed())))
                        .atCommunity("c")
                        .at(NOW)
                        .with("budget_max", (long) budget)
                        .with("limit", 50L)
                        .build());

        assertThat(again).isEqualTo(first);
        List<Long> scores = ((List<Map<String, Object>>) first.get("units"))
                .stream().map(m -> (Long) m.get("score")).toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    static InMemoryPropertyStore store(List<Unit> units) {
        ChangeSet.Builder b = ChangeSet.builder()
                .community(aCommunity("c").build())
                .floorPlan(aFloorPlan("c", "studio", 0, 1100))
                .floorPlan(aFloorPlan("c", "one", 1, 1400))
                .floorPlan(aFloorPlan("c", "two", 2, 1800))
                .floorPlan(aFloorPlan("c", "three", 3, 2300));
        units.forEach(b::unit);
        return InMemoryPropertyStore.of(b.build());
    }

    @Provide
    Arbitrary<List<Unit>> inventories() {
        Arbitrary<Unit> unit = Combinators.combine(
                        Arbitraries.integers().between(1, 400),
                        Arbitraries.of("studio", "one", "two", "three"),
                        Arbitraries.of(UnitStatus.class),
                        Arbitraries.integers().between(-60, 150).injectNull(0.3),
                        Arbitraries.integers().between(700, 4200),
                        Arbitraries.integers().between(1, 12),
                        Arbitraries.<Set<String>>of(
                                Set.of(), Set.of("step-free"), Set.of("step-free", "roll-in-shower")),
                        Arbitraries.of(true, false))
                .as((n, plan, status, offset, rent, floor, access, pets) -> new Unit(
                        "c",
                        "u" + n,
                        plan,
                        status,
                        Optional.ofNullable(offset).map(TODAY::plusDays),
                        Money.dollars(rent),
                        floor,
                        Optional.empty(),
                        Set.of(),
                        access,
                        OptionalInt.empty(),
                        pets));
        return unit.list().uniqueElements(Unit::id).ofMinSize(0).ofMaxSize(40);
    }
}
