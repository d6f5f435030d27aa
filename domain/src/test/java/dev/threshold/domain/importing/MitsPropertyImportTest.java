package dev.threshold.domain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.importing.mits.MitsPropertyImport;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCatalog;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MitsPropertyImportTest {
    final InMemoryPropertyStore store = new InMemoryPropertyStore();
    final MitsPropertyImport mits = new MitsPropertyImport();

    ImportPlan importing(String sample) throws ImportFailed {
        ImportPlan plan = mits.plan(sample, Samples.read("mits/" + sample), store, Samples.NOW);
        plan.applyTo(store);
        return plan;
    }

    static List<String> availableUnits(ImportPlan plan) {
        return plan.events().stream()
                .filter(e -> e.type().equals("unit.available"))
                .map(e -> e.community().orElseThrow() + "/" + e.data().get("unit"))
                .toList();
    }

    @Test
    void a_first_import_creates_the_communities_floor_plans_and_units_and_announces_what_can_be_leased()
            throws ImportFailed {
        ImportPlan plan = importing("summit-properties.xml");

        assertThat(plan.counts().get("communities")).isEqualTo(new Tally.Counts(2, 0, 0));
        assertThat(plan.counts().get("floor plans")).isEqualTo(new Tally.Counts(5, 0, 0));
        assertThat(plan.counts().get("units")).isEqualTo(new Tally.Counts(8, 0, 0));
        assertThat(availableUnits(plan))
                .containsExactlyInAnyOrder(
                        "cedar-ridge/101",
                        "cedar-ridge/203",
                        "cedar-ridge/301",
                        "aspen-grove/A-104",
                        "aspen-grove/B-210");
        var cedar = store.community("cedar-ridge").orElseThrow();
        assertThat(cedar.timezone()).isEqualTo(ZoneId.of("America/Denver"));
        assertThat(cedar.portfolio()).isEqualTo("summit");
        assertThat(cedar.pets().allowed()).containsExactlyInAnyOrder("cat", "dog");
        assertThat(cedar.calendar().week()).hasSize(6);
        assertThat(store.unit("cedar-ridge", "203").orElseThrow())
                .satisfies(u -> assertThat(u.status()).isEqualTo(UnitStatus.NOTICE_UNRENTED))
                .satisfies(u -> assertThat(u.availableOn()).hasValue(LocalDate.of(2027, 4, 10)))
                .satisfies(u -> assertThat(u.amenities()).containsExactly("balcony"));
        assertThat(store.unit("cedar-ridge", "101").orElseThrow().accessibility())
                .containsExactly("step-free");
        assertThat(store.unit("cedar-ridge", "S01").orElseThrow().status()).isEqualTo(UnitStatus.OFFLINE);
        assertThat(store.floorPlan("aspen-grove", "b2").orElseThrow().marketRent())
                .isEqualTo(Money.parse("1695.50"));
    }

    @Test
    void every_unit_available_event_is_valid_against_the_vocabulary() throws ImportFailed {
        var type = EventCatalog.builtIn().find("unit.available").orElseThrow();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();

        for (Event e : importing("summit-properties.xml").events()) {
            assertThat(type.validate(json.valueToTree(e.data()))).as(e.id()).isEmpty();
        }
    }

    @Test
    void importing_the_same_feed_again_changes_nothing_and_emits_nothing() throws ImportFailed {
        importing("summit-properties.xml");

        ImportPlan again = importing("summit-properties.xml");

        assertThat(again.changes().isEmpty()).isTrue();
        assertThat(again.events()).isEmpty();
        assertThat(again.counts().get("units")).isEqualTo(new Tally.Counts(0, 0, 8));
        assertThat(store.units("cedar-ridge")).hasSize(6);
    }

    @Test
    void the_next_days_feed_updates_what_changed_and_announces_only_the_newly_available_units() throws ImportFailed {
        importing("summit-properties.xml");

        ImportPlan next = importing("summit-properties-next-day.xml");

        assertThat(next.counts().get("units")).isEqualTo(new Tally.Counts(1, 3, 5));
        assertThat(availableUnits(next)).containsExactlyInAnyOrder("cedar-ridge/214", "cedar-ridge/305");
        assertThat(store.unit("cedar-ridge", "101").orElseThrow().status()).isEqualTo(UnitStatus.VACANT_LEASED);
        assertThat(store.unit("cedar-ridge", "301").orElseThrow().marketRent()).isEqualTo(Money.dollars(1890));
    }

    @Test
    void a_broken_feed_reports_every_problem_with_its_line_and_element_path_and_writes_nothing() {
        assertThatThrownBy(() -> importing("broken-properties.xml"))
                .isInstanceOfSatisfying(
                        ImportFailed.class,
                        e -> assertThat(e.problems())
                                .extracting(ImportProblem::toString)
                                .containsExactly(
                                        "broken-properties.xml:11:16: PhysicalProperty/Property[pine-hollow]/PropertyID/Address/"
                                                + "State: 'Idaho' is not a two-letter US state code",
                                        "broken-properties.xml:16:32: PhysicalProperty/Property[pine-hollow]/Floorplan[p1]/"
                                                + "Room[Bedroom]/Count: 'one' is not a whole number of zero or more",
                                        "broken-properties.xml:25:20: PhysicalProperty/Property[pine-hollow]/ILS_Unit[11]/Units/"
                                                + "Unit/MarketRent: 'call us' is not an amount of dollars, such as 1465 or 1465.50",
                                        "broken-properties.xml:33:20: PhysicalProperty/Property[pine-hollow]/ILS_Unit[12]/Units/"
                                                + "Unit/FloorplanID: floor plan 'p9' is not a <Floorplan> of this property;"
                                                + " known: [p2]",
                                        "broken-properties.xml:44:65: PhysicalProperty/Property[pine-hollow]/ILS_Unit[13]/"
                                                + "Availability/VacateDate: Month='2' Day='30' Year='2027' is not a date",
                                        "broken-properties.xml:47:20: PhysicalProperty/Property[pine-hollow]/ILS_Unit[14]/Units/"
                                                + "Unit/UnitLeasedStatus: 'rented' is not one of available, on_notice, leased,"
                                                + " unavailable",
                                        "broken-properties.xml:52:28: PhysicalProperty/Property[pine-hollow]/ILS_Unit[14]: the"
                                                + " unit appears twice"));
        assertThat(store.communities()).isEmpty();
    }

    @Test
    void malformed_xml_is_reported_where_the_parser_stopped() {
        assertThatThrownBy(() -> importing("malformed.xml"))
                .isInstanceOfSatisfying(
                        ImportFailed.class,
                        e -> assertThat(e.problems())
                                .extracting(ImportProblem::toString)
                                .containsExactly(
                                        "malformed.xml:8:5: malformed XML: The element type \"Floorplan\" must be"
                                                + " terminated by the matching end-tag \"</Floorplan>\"."));
    }
}
