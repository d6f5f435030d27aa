package dev.threshold.domain.property;

import static dev.threshold.domain.fixtures.People.aResident;
import static dev.threshold.domain.fixtures.Places.aCommunity;
import static dev.threshold.domain.fixtures.Places.aFloorPlan;
import static dev.threshold.domain.fixtures.Places.aUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.domain.community.UnitStatus;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class InMemoryPropertyStoreTest {
    final InMemoryPropertyStore store = InMemoryPropertyStore.of(ChangeSet.builder()
            .community(aCommunity("cedar-ridge").build())
            .floorPlan(aFloorPlan("cedar-ridge", "aspen", 1, 1450))
            .unit(aUnit("101").of("cedar-ridge", "aspen").build())
            .build());

    @Test
    void a_change_set_with_one_broken_reference_writes_nothing_at_all() {
        ChangeSet half = ChangeSet.builder()
                .unit(aUnit("102").of("cedar-ridge", "aspen").build())
                .contact(aResident().contact())
                .lease(aResident().at("cedar-ridge", "999").lease())
                .build();

        assertThatThrownBy(() -> store.apply(half))
                .hasMessageStartingWith("nothing was written: 1 reference(s)")
                .hasMessageContaining("unit '999' of community 'cedar-ridge' does not exist");
        assertThat(store.unit("cedar-ridge", "102")).isEmpty();
        assertThat(store.contact("R-1")).isEmpty();
    }

    @Test
    void writing_a_record_again_updates_it_and_never_duplicates_it() {
        store.apply(ChangeSet.builder()
                .unit(aUnit("101")
                        .of("cedar-ridge", "aspen")
                        .status(UnitStatus.NOTICE_UNRENTED)
                        .availableOn(LocalDate.of(2027, 5, 1))
                        .build())
                .contact(aResident().withEmail("sam@example.com", true).contact())
                .build());
        store.apply(ChangeSet.builder()
                .contact(aResident().withEmail("samuel@example.com", true).contact())
                .build());

        assertThat(store.units("cedar-ridge")).hasSize(1);
        assertThat(store.unit("cedar-ridge", "101").orElseThrow().status()).isEqualTo(UnitStatus.NOTICE_UNRENTED);
        assertThat(store.contactsWith(dev.threshold.domain.contact.ContactPoint.email("sam@example.com", true)))
                .isEmpty();
        assertThat(store.contactsWith(dev.threshold.domain.contact.ContactPoint.email("samuel@example.com", true)))
                .extracting(c -> c.id())
                .containsExactly("R-1");
    }
}
