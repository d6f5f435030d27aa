package dev.threshold.domain.addon;

import static dev.threshold.domain.fixtures.Places.aCommunity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.domain.fixtures.Requests;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.core.ContactView;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class FittingAddOnsTest {
    static AddOn addOn(String id, AddOnKind kind, long fee, Integer remaining, String... requires) {
        return new AddOn(
                "cedar-ridge",
                id,
                kind,
                id,
                Money.dollars(fee),
                Money.ZERO,
                remaining == null ? OptionalInt.empty() : OptionalInt.of(remaining),
                Set.of(requires));
    }

    final InMemoryPropertyStore store = InMemoryPropertyStore.of(ChangeSet.builder()
            .community(aCommunity("cedar-ridge").build())
            .addOn(addOn("covered", AddOnKind.PARKING, 60, 3))
            .addOn(addOn("garage-ev", AddOnKind.PARKING, 125, 2, "ev"))
            .addOn(addOn("garage-full", AddOnKind.PARKING, 110, 0))
            .addOn(addOn("locker", AddOnKind.STORAGE, 40, 5))
            .addOn(addOn("dog-run", AddOnKind.PET, 15, null, "dog"))
            .addOn(addOn("fiber", AddOnKind.UTILITY, 55, null))
            .addOn(addOn("insurance", AddOnKind.RENTER_SERVICE, 12, null, "no-insurance"))
            .contact(dev.threshold.domain.fixtures.People.aResident().contact())
            .purchase(new AddOnPurchase("R-1", "cedar-ridge", "fiber", LocalDate.of(2026, 7, 1), Optional.empty()))
            .build());

    Map<String, Object> fit(Map<String, Object> attributes) {
        ContactView resident = new ContactView(
                "R-1",
                Set.of("resident"),
                "Sam",
                "Rivera",
                Optional.empty(),
                "en",
                Optional.of("cedar-ridge"),
                Optional.empty(),
                Map.of(),
                Map.of(),
                Set.of(),
                Map.of(),
                attributes,
                Map.of(),
                Optional.empty());
        return new FittingAddOns()
                .run(Requests.on(store)
                        .forContact(resident)
                        .atCommunity("cedar-ridge")
                        .with("limit", 10L)
                        .build());
    }

    static List<String> ids(Map<String, Object> result) {
        return ((List<Map<String, Object>>) result.get("offers"))
                .stream().map(o -> (String) o.get("addon")).toList();
    }

    @Test
    void a_household_with_a_car_and_a_dog_is_offered_parking_and_the_dog_run_first() {
        Map<String, Object> result = fit(Map.of("vehicles", 1L, "pets", "dog"));

        assertThat(ids(result)).containsExactly("covered", "dog-run", "insurance");
        assertThat(((Map<String, Object>) result.get("best")).get("reason")).isEqualTo("for your 1 car");
    }

    @Test
    void only_inventory_that_exists_and_fits_is_offered_never_what_they_already_have() {
        Map<String, Object> result =
                fit(Map.of("vehicles", 2L, "electric_vehicle", true, "storage", true, "renters_insurance", true));

        assertThat(ids(result))
                .containsExactly("covered", "garage-ev", "locker")
                .doesNotContain("garage-full", "fiber", "insurance", "dog-run");
    }

    @Test
    void a_household_without_signals_gets_only_what_every_resident_can_use() {
        assertThat(ids(fit(Map.of()))).containsExactly("insurance");
    }
}
