package dev.threshold.domain.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.domain.DomainActions;
import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.domain.property.PropertyRecords;
import dev.threshold.engine.core.Engine;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.guardrail.Guardrails;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.engine.sim.Scenario;
import dev.threshold.engine.sim.ScenarioLoader;
import dev.threshold.engine.sim.SimLine;
import dev.threshold.engine.sim.Simulator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenarioRecordsTest {
    static final String HEAD = """
            start: 2027-03-01T09:00:00-07:00
            run_until: +1d
            communities:
              - { id: cedar-ridge, timezone: America/Denver, state: CO, portfolio: summit, market: denver }
            contacts:
              - { id: R-7, role: resident, first_name: Sam, community: cedar-ridge, email: sam@example.com }
            """;

    static Scenario scenario(String data) throws Exception {
        return new ScenarioLoader(EventCatalog.builtIn()).load("story.yaml", HEAD + data);
    }

    @Test
    void the_data_block_becomes_records_next_to_the_scenarios_communities_and_contacts() throws Exception {
        InMemoryPropertyStore store = new ScenarioRecords().store(scenario("""
                data:
                  communities:
                    - id: cedar-ridge
                      renewal: { cap_percent: 5, cap_amount: 150, terms: [{ months: 12 }] }
                      floor_plans: [{ id: aspen, bedrooms: 1, market_rent: 1450 }]
                      units:
                        - { id: "203", floor_plan: aspen, status: notice-unrented, available_on: 2027-04-10 }
                  leases:
                    - { id: L-1, community: cedar-ridge, unit: "203", residents: [R-7], start: 2026-05-01, end: 2027-04-09, rent: 1400 }
                """));

        assertThat(store.community("cedar-ridge").orElseThrow().jurisdiction()).hasValue("CO");
        assertThat(store.unit("cedar-ridge", "203").orElseThrow())
                .satisfies(u -> assertThat(u.status()).isEqualTo(UnitStatus.NOTICE_UNRENTED))
                .satisfies(u -> assertThat(u.availableOn()).hasValue(LocalDate.of(2027, 4, 10)))
                .satisfies(u -> assertThat(u.marketRent()).isEqualTo(Money.dollars(1450)));
        assertThat(store.leasesOf("R-7")).extracting(l -> l.id()).containsExactly("L-1");
        assertThat(store.renewalPolicy("cedar-ridge")).isPresent();
        assertThat(store.contact("R-7").orElseThrow().email().orElseThrow().value())
                .isEqualTo("sam@example.com");
    }

    @Test
    void every_problem_of_the_data_block_is_reported_at_once_with_its_path() throws Exception {
        Scenario broken = scenario("""
                data:
                  communities:
                    - id: cedar-ridge
                      floor_plans: [{ id: aspen, bedrooms: 1, market_rent: "fourteen hundred" }]
                      units:
                        - { id: "1", floor_plan: aspen, available_on: 2027-13-01 }
                        - { id: "2", floor_plan: birch }
                        - { id: "3", floor_plan: aspen, status: rented, balcony: true }
                      renewal: { cap_amount: 150 }
                """);

        assertThatThrownBy(() -> new ScenarioRecords().store(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("story.yaml: the data block has 6 problem(s)")
                .hasMessageContaining("data.communities[0].floor_plans[0].market_rent: 'fourteen hundred' is not an"
                        + " amount of money")
                .hasMessageContaining("data.communities[0].units[0].available_on: '2027-13-01' is not a date")
                .hasMessageContaining("data.communities[0].units[1]: floor_plan 'birch' is not among this"
                        + " community's floor_plans [aspen]")
                .hasMessageContaining("data.communities[0].units[2].balcony: unknown field")
                .hasMessageContaining("data.communities[0].units[2]: status 'rented' is not one of")
                .hasMessageContaining("data.communities[0].renewal: cap_percent: is required");
    }

    @Test
    void a_lease_of_a_unit_that_does_not_exist_is_refused_with_what_is_missing() throws Exception {
        Scenario broken = scenario("""
                data:
                  leases:
                    - { id: L-1, community: cedar-ridge, unit: "999", residents: [R-7], start: 2026-05-01, end: 2027-04-30, rent: 1400 }
                """);

        assertThatThrownBy(() -> new ScenarioRecords().store(broken))
                .hasMessageContaining("lease L-1: unit '999' of community 'cedar-ridge' does not exist");
    }

    static final String BIRCH_UNITS = """
            data:
              communities:
                - id: cedar-ridge
                  floor_plans: [{ id: birch, name: Birch, bedrooms: 2, bathrooms: 2, market_rent: 1850 }]
                  units:
                    - { id: "204", floor_plan: birch, status: vacant-ready }
                    - { id: "206", floor_plan: birch, status: notice-unrented, available_on: 2027-04-15 }
                    - { id: "208", floor_plan: birch, status: occupied }
            """;

    @Test
    void a_lease_signed_for_a_unit_on_the_market_takes_it_off_for_what_follows() throws Exception {
        ScenarioRecords records = new ScenarioRecords();
        Map<Class<?>, Object> data = records.from(scenario(BIRCH_UNITS));
        PropertyRecords store = (PropertyRecords) data.get(PropertyRecords.class);

        records.observe(event("lease.signed", Map.of("unit", "204", "end_date", "2028-03-31")), data);
        records.observe(event("lease.signed", Map.of("unit", "206", "end_date", "2028-04-30")), data);

        assertThat(store.unit("cedar-ridge", "204").orElseThrow().status()).isEqualTo(UnitStatus.VACANT_LEASED);
        assertThat(store.unit("cedar-ridge", "206").orElseThrow().status()).isEqualTo(UnitStatus.NOTICE_RENTED);
    }

    @Test
    void a_renewal_on_a_unit_on_notice_keeps_the_resident_and_takes_the_unit_off_the_market() throws Exception {
        ScenarioRecords records = new ScenarioRecords();
        Map<Class<?>, Object> data = records.from(scenario(BIRCH_UNITS));

        records.observe(
                event("lease.signed", Map.of("unit", "206", "kind", "renewal", "end_date", "2028-04-30")), data);

        assertThat(((PropertyRecords) data.get(PropertyRecords.class))
                        .unit("cedar-ridge", "206")
                        .orElseThrow()
                        .status())
                .isEqualTo(UnitStatus.OCCUPIED);
    }

    @Test
    void a_unit_made_available_is_on_the_market_at_the_date_and_rent_the_event_gives() throws Exception {
        ScenarioRecords records = new ScenarioRecords();
        Map<Class<?>, Object> data = records.from(scenario(BIRCH_UNITS));

        records.observe(
                event(
                        "unit.available",
                        Map.of(
                                "unit", "208",
                                "bedrooms", 2,
                                "market_rent", 1795,
                                "available_on", "2027-04-20",
                                "status", "notice-unrented")),
                data);

        assertThat(((PropertyRecords) data.get(PropertyRecords.class))
                        .unit("cedar-ridge", "208")
                        .orElseThrow())
                .satisfies(u -> assertThat(u.status()).isEqualTo(UnitStatus.NOTICE_UNRENTED))
                .satisfies(u -> assertThat(u.availableOn()).hasValue(LocalDate.of(2027, 4, 20)))
                .satisfies(u -> assertThat(u.marketRent()).isEqualTo(Money.dollars(1795)));
    }

    @Test
    void events_about_people_or_unknown_units_change_no_record() throws Exception {
        ScenarioRecords records = new ScenarioRecords();
        Map<Class<?>, Object> data = records.from(scenario(BIRCH_UNITS));
        PropertyRecords store = (PropertyRecords) data.get(PropertyRecords.class);

        records.observe(event("lease.signed", Map.of("unit", "999", "end_date", "2028-03-31")), data);
        records.observe(event("tour.booked", Map.of("unit", "204", "starts_at", "2027-03-02T10:00:00-07:00")), data);

        assertThat(store.unit("cedar-ridge", "204").orElseThrow().status()).isEqualTo(UnitStatus.VACANT_READY);
        assertThat(store.unit("cedar-ridge", "999")).isEmpty();
    }

    @Test
    void in_the_simulator_a_unit_leased_mid_story_is_no_longer_matched() throws Exception {
        Journey journey = new JourneyLoader(EventCatalog.builtIn(), DomainActions.registry())
                .load("two-matches.yaml", """
                        id: two-matches
                        name: Matched on arrival and a day later
                        category: custom
                        audience: prospect
                        trigger: { event: lead.created }
                        map:
                          stages:
                            - { id: matched, name: Matched, action: sees homes, motivation: a home, emotions: hopeful,
                                questions: ["Any left?"], barriers: ["no unit available"] }
                        steps:
                          - { id: first, stage: matched, action: { name: match-units, with: { bedrooms: "2" }, as: first } }
                          - { id: wait, wait: 1d }
                          - { id: again, action: { name: match-units, with: { bedrooms: "2" }, as: again } }
                          - id: tell
                            send:
                              channels: [email]
                              purpose: transactional
                              email: { subject: "homes", body: "first {{ results.first.total }}, then {{ results.again.total }}" }
                        """)
                .journey()
                .orElseThrow();
        Simulator simulator = new Simulator(
                new Engine(JourneyLibrary.of(List.of(journey)), DomainActions.registry()),
                Guardrails.defaults(),
                new ScenarioRecords());
        Scenario story = new ScenarioLoader(EventCatalog.builtIn()).load("story.yaml", """
                        start: 2027-03-01T09:00:00-07:00
                        run_until: +2d
                        communities:
                          - { id: cedar-ridge, timezone: America/Denver, state: CO }
                        contacts:
                          - { id: P-1, role: prospect, first_name: Ana, community: cedar-ridge, email: ana@example.com }
                          - { id: R-2, role: resident, first_name: Bo, community: cedar-ridge }
                        events:
                          - { at: +0m, type: lead.created, contact: P-1, community: cedar-ridge, data: { source: website } }
                          - { at: +2h, type: lease.signed, contact: R-2, community: cedar-ridge, data: { unit: "204", end_date: "2028-03-31" } }
                        """ + BIRCH_UNITS);

        List<SimLine> lines = simulator.run(story).lines();

        assertThat(lines)
                .filteredOn(l -> l.type().equals("message"))
                .singleElement()
                .satisfies(l -> assertThat(l.fields().get("body")).isEqualTo("first 2, then 1"));
    }

    static Event event(String type, Map<String, Object> data) {
        return new Event(
                type + ":1",
                type,
                Instant.parse("2027-03-01T16:00:00Z"),
                Optional.of("R-2"),
                Optional.of("cedar-ridge"),
                Map.of(),
                data,
                Optional.empty());
    }
}
