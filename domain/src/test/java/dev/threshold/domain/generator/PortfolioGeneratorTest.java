package dev.threshold.domain.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.Role;
import dev.threshold.domain.fixtures.Requests;
import dev.threshold.domain.leasing.Interest;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.leasing.ProspectStatus;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.domain.renewal.OfferingRenewal;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCatalog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortfolioGeneratorTest {
    static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
    static final SyntheticPortfolio PORTFOLIO = PortfolioGenerator.generate(42, 3_000, TODAY);

    @Test
    void the_same_seed_gives_the_same_portfolio_and_history_and_another_seed_another() {
        SyntheticPortfolio again = PortfolioGenerator.generate(42, 3_000, TODAY);
        SyntheticPortfolio other = PortfolioGenerator.generate(43, 3_000, TODAY);

        assertThat(again.changes()).isEqualTo(PORTFOLIO.changes());
        assertThat(again.timeline().toList()).isEqualTo(PORTFOLIO.timeline().toList());
        assertThat(other.changes().units()).isNotEqualTo(PORTFOLIO.changes().units());
    }

    @Test
    void it_houses_exactly_the_residents_asked_for_and_every_record_refers_to_one_that_exists() {
        InMemoryPropertyStore store = PORTFOLIO.store();
        LocalDate today = TODAY;

        long residents = PORTFOLIO.changes().contacts().stream()
                .filter(c -> c.rolesOn(today).contains(Role.RESIDENT))
                .count();
        assertThat(residents).isEqualTo(3_000);
        assertThat(PORTFOLIO.summary()).containsEntry("residents", 3_000);
        assertThat(store.counts().get("contacts"))
                .isEqualTo(PORTFOLIO.changes().contacts().size());
    }

    @Test
    void every_record_has_an_id_of_its_own_so_any_store_loads_the_portfolio_in_one_batch() {
        var payments = PORTFOLIO.changes().payments();
        assertThat(payments).isNotEmpty();
        assertThat(payments.stream().map(x -> x.id()).distinct().count())
                .as("payments with distinct ids")
                .isEqualTo(payments.size());
        var leases = PORTFOLIO.changes().leases();
        assertThat(leases.stream().map(Lease::id).distinct().count()).isEqualTo(leases.size());
    }

    @Test
    void communities_span_several_timezones_and_states_so_quiet_hours_and_notice_laws_differ() {
        Set<String> zones = new HashSet<>();
        Set<String> states = new HashSet<>();
        for (Community c : PORTFOLIO.changes().communities()) {
            zones.add(c.timezone().getId());
            states.add(c.jurisdiction().orElseThrow());
        }

        assertThat(zones).hasSizeGreaterThanOrEqualTo(5);
        assertThat(states).contains("CO", "CA", "OR", "NY", "TX");
    }

    @Test
    void current_leases_end_across_the_coming_year_with_more_in_summer_than_in_winter() {
        Map<Month, Integer> ends = new EnumMap<>(Month.class);
        for (Lease l : PORTFOLIO.changes().leases()) {
            if (l.activeOn(TODAY)) {
                assertThat(l.end()).isAfter(TODAY).isBefore(TODAY.plusMonths(13));
                ends.merge(l.end().getMonth(), 1, Integer::sum);
            }
        }

        assertThat(ends).hasSize(12);
        assertThat(ends.get(Month.JULY)).isGreaterThan(ends.get(Month.JANUARY) * 3 / 2);
    }

    @Test
    void prospects_are_at_every_stage() {
        Set<ProspectStatus> statuses = new HashSet<>();
        PORTFOLIO.changes().interests().stream().map(Interest::status).forEach(statuses::add);

        assertThat(statuses).containsExactlyInAnyOrder(ProspectStatus.values());
    }

    @Test
    void its_history_is_in_time_order_and_every_event_is_valid_against_the_vocabulary() {
        List<Event> events = PORTFOLIO.timeline().toList();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, Integer> byType = new HashMap<>();

        Instant previous = Instant.MIN;
        for (Event e : events) {
            assertThat(e.occurredAt()).isAfterOrEqualTo(previous);
            previous = e.occurredAt();
            var type = EventCatalog.builtIn().find(e.type()).orElseThrow();
            assertThat(type.validate(json.valueToTree(e.data()))).as(e.id()).isEmpty();
            byType.merge(e.type(), 1, Integer::sum);
        }
        assertThat(byType.keySet())
                .contains(
                        "lease.signed",
                        "lead.created",
                        "workorder.created",
                        "workorder.completed",
                        "feedback.submitted",
                        "moveout.completed",
                        "notice.given",
                        "tour.booked");
        assertThat(events.stream().map(Event::id).distinct().count()).isEqualTo(events.size());
    }

    @Test
    void the_domain_actions_work_on_a_generated_portfolio() {
        InMemoryPropertyStore store = PORTFOLIO.store();
        Lease lease = PORTFOLIO.changes().leases().stream()
                .filter(l -> l.activeOn(TODAY))
                .findFirst()
                .orElseThrow();
        Contact resident = store.contact(lease.primary()).orElseThrow();

        Map<String, Object> offer = new OfferingRenewal()
                .run(Requests.on(store)
                        .forContact(resident.view(Instant.parse("2027-03-01T16:00:00Z"), java.time.ZoneOffset.UTC))
                        .atCommunity(lease.community())
                        .at(Instant.parse("2027-03-01T16:00:00Z"))
                        .build());

        assertThat(offer.get("lease")).isEqualTo(lease.id());
        assertThat((List<?>) offer.get("options")).hasSize(3);
    }
}
