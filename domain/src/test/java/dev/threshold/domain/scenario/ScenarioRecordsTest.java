package dev.threshold.domain.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.sim.Scenario;
import dev.threshold.engine.sim.ScenarioLoader;
import java.time.LocalDate;
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
}
