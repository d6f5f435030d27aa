package dev.threshold.domain.matching;

import static dev.threshold.domain.fixtures.Places.aCommunity;
import static dev.threshold.domain.fixtures.Places.aFloorPlan;
import static dev.threshold.domain.fixtures.Places.aUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.domain.community.PetPolicy;
import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.fixtures.Requests;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.action.ActionException;
import dev.threshold.engine.core.ContactView;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class MatchingUnitsTest {
    static final LocalDate APR_10 = LocalDate.of(2027, 4, 10);

    final InMemoryPropertyStore cedarRidge = InMemoryPropertyStore.of(ChangeSet.builder()
            .community(aCommunity("cedar-ridge")
                    .withLink("tour", "https://cedar.example/tour")
                    .build())
            .floorPlan(aFloorPlan("cedar-ridge", "aspen", 1, 1450))
            .floorPlan(aFloorPlan("cedar-ridge", "birch", 2, 1850))
            .unit(aUnit("101")
                    .of("cedar-ridge", "aspen")
                    .rent(1450)
                    .accessible("step-free")
                    .build())
            .unit(aUnit("102")
                    .of("cedar-ridge", "aspen")
                    .status(UnitStatus.OCCUPIED)
                    .rent(1300)
                    .build())
            .unit(aUnit("203")
                    .of("cedar-ridge", "aspen")
                    .status(UnitStatus.NOTICE_UNRENTED)
                    .availableOn(APR_10)
                    .rent(1480)
                    .onFloor(2)
                    .with("balcony")
                    .build())
            .unit(aUnit("204")
                    .of("cedar-ridge", "aspen")
                    .status(UnitStatus.VACANT_NOT_READY)
                    .rent(1400)
                    .build())
            .unit(aUnit("301")
                    .of("cedar-ridge", "birch")
                    .rent(1900)
                    .onFloor(3)
                    .with("balcony")
                    .build())
            .unit(aUnit("302")
                    .of("cedar-ridge", "birch")
                    .status(UnitStatus.VACANT_NOT_READY)
                    .availableOn(LocalDate.of(2027, 3, 15))
                    .rent(1850)
                    .build())
            .build());

    final MatchingUnits matchUnits = new MatchingUnits();

    Map<String, Object> match(Map<String, Object> preferences, Map<String, Object> args) {
        Requests r = Requests.on(cedarRidge).forContact(prospect(preferences)).atCommunity("cedar-ridge");
        args.forEach(r::with);
        return matchUnits.run(r.build());
    }

    static ContactView prospect(Map<String, Object> preferences) {
        return new ContactView(
                "P-1",
                java.util.Set.of("prospect"),
                "Ana",
                "Ruiz",
                Optional.empty(),
                "en",
                Optional.of("cedar-ridge"),
                Optional.empty(),
                Map.of(),
                Map.of(),
                java.util.Set.of(),
                preferences,
                Map.of(),
                Map.of(),
                Optional.empty());
    }

    @SuppressWarnings("unchecked")
    static List<String> unitIds(Map<String, Object> result) {
        return ((List<Map<String, Object>>) result.get("units"))
                .stream().map(u -> (String) u.get("unit")).toList();
    }

    @Test
    void matches_units_ready_by_the_move_date_within_budget_and_bedrooms_from_the_stated_preferences() {
        Map<String, Object> result =
                match(Map.of("bedrooms", 1L, "budget_max", 1500L, "move_date", "2027-04-15"), Map.of());

        assertThat(unitIds(result)).containsExactlyInAnyOrder("101", "203");
        assertThat(result.get("total")).isEqualTo(2L);
        assertThat((Map<String, Object>) result.get("excluded"))
                .containsEntry("not_available", 1L)
                .containsEntry("no_available_date", 1L)
                .containsEntry("over_budget", 2L);
        assertThat(result.get("missing")).isEqualTo(List.of());
    }

    @Test
    void an_occupied_unit_or_one_without_a_ready_date_is_never_offered_even_when_it_fits_best() {
        Map<String, Object> result = match(Map.of(), Map.of("limit", 50L, "horizon_days", 365L));

        assertThat(unitIds(result)).doesNotContain("102", "204");
    }

    @Test
    void a_unit_ready_after_the_move_date_is_left_out_unless_the_person_allows_a_few_days() {
        Map<String, Object> strict = match(Map.of("bedrooms", 1L, "move_date", "2027-04-05"), Map.of());
        Map<String, Object> flexible =
                match(Map.of("bedrooms", 1L, "move_date", "2027-04-05"), Map.of("move_flex_days", 7L));

        assertThat(unitIds(strict)).containsExactly("101");
        assertThat(unitIds(flexible)).containsExactlyInAnyOrder("101", "203");
    }

    @Test
    @SuppressWarnings("unchecked")
    void units_are_ranked_by_fit_and_each_says_why_it_matched() {
        Map<String, Object> result = match(
                Map.of("bedrooms", 1L, "budget_max", 1500L, "move_date", "2027-04-15", "features", List.of("balcony")),
                Map.of());

        Map<String, Object> best = (Map<String, Object>) result.get("best");
        assertThat(best.get("unit")).isEqualTo("203");
        assertThat((List<String>) best.get("reasons"))
                .contains(
                        "available Apr 10, 5 days before your move date",
                        "$1,480 a month, $20 under your budget",
                        "Aspen, 1 bed / 1 bath, as asked",
                        "has balcony, as you prefer");
        assertThat((long) best.get("score")).isGreaterThan((long)
                ((List<Map<String, Object>>) result.get("units")).get(1).get("score"));
        assertThat(best.get("tour_link")).isEqualTo("https://cedar.example/tour?unit=203");
        assertThat(best.get("rent_text")).isEqualTo("$1,480");
    }

    @Test
    void a_budget_is_a_hard_limit_unless_the_journey_allows_some_flexibility() {
        Map<String, Object> hard = match(Map.of("bedrooms", 2L, "budget_max", 1800L), Map.of());
        Map<String, Object> flexible =
                match(Map.of("bedrooms", 2L, "budget_max", 1800L), Map.of("budget_flex_percent", 5L));

        assertThat(unitIds(hard)).isEmpty();
        assertThat(hard).doesNotContainKey("best");
        assertThat(unitIds(flexible)).containsExactly("302");
    }

    @Test
    void the_journey_can_override_a_stated_preference() {
        Map<String, Object> result = match(Map.of("bedrooms", 1L), Map.of("bedrooms", 2L, "budget_max", 5000L));

        assertThat(unitIds(result)).containsExactlyInAnyOrder("301", "302");
    }

    @Test
    void pets_the_policy_refuses_exclude_every_unit_but_assistance_animals_are_not_pets() {
        InMemoryPropertyStore noPets = InMemoryPropertyStore.of(ChangeSet.builder()
                .community(
                        aCommunity("quiet-pines").withPets(PetPolicy.noPets()).build())
                .floorPlan(aFloorPlan("quiet-pines", "aspen", 1, 1400))
                .unit(aUnit("1").of("quiet-pines", "aspen").build())
                .build());
        Map<String, Object> dog = matchUnits.run(Requests.on(noPets)
                .forContact(prospect(Map.of("pets", "dog")))
                .atCommunity("quiet-pines")
                .build());
        Map<String, Object> assistance = matchUnits.run(Requests.on(noPets)
                .forContact(prospect(Map.of("pets", List.of("service-animal"))))
                .atCommunity("quiet-pines")
                .build());
        Map<String, Object> threeDogs = match(Map.of("pets", Map.of("dog", 3L)), Map.of());

        assertThat(unitIds(dog)).isEmpty();
        assertThat((Map<String, Object>) dog.get("excluded")).containsEntry("pets", 1L);
        assertThat(unitIds(assistance)).containsExactly("1");
        assertThat(unitIds(threeDogs)).isEmpty();
    }

    @Test
    void accessibility_needs_are_hard_filters() {
        Map<String, Object> result = match(Map.of("accessibility", List.of("step-free")), Map.of("limit", 10L));

        assertThat(unitIds(result)).containsExactly("101");
    }

    @Test
    void the_qualifying_questions_still_unanswered_are_listed_for_the_journey_to_ask() {
        Map<String, Object> result = match(Map.of("bedrooms", 1L), Map.of());

        assertThat(result.get("missing")).isEqualTo(List.of("budget_max", "move_date"));
    }

    @Test
    void a_community_missing_from_the_records_or_a_malformed_argument_is_a_clear_error() {
        assertThatThrownBy(() -> matchUnits.run(Requests.on(cedarRidge)
                        .forContact(prospect(Map.of()))
                        .with("community", "nowhere")
                        .build()))
                .isInstanceOf(ActionException.class)
                .hasMessage("match-units: community 'nowhere' is not in the property records");
        assertThatThrownBy(() -> match(Map.of(), Map.of("move_date", "next spring")))
                .isInstanceOf(ActionException.class)
                .hasMessage("match-units: 'move_date' is 'next spring'; expected a date such as 2027-04-01");
    }
}
