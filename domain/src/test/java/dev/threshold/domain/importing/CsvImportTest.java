package dev.threshold.domain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.importing.csv.CsvImport;
import dev.threshold.domain.importing.csv.CsvKind;
import dev.threshold.domain.importing.mits.MitsPropertyImport;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CsvImportTest {
    final InMemoryPropertyStore store = new InMemoryPropertyStore();
    final CsvImport csv = new CsvImport();

    @BeforeEach
    void theCommunitiesExist() throws ImportFailed {
        new MitsPropertyImport()
                .plan("summit-properties.xml", Samples.read("mits/summit-properties.xml"), store, Samples.NOW)
                .applyTo(store);
    }

    ImportPlan importing(String sample) throws ImportFailed {
        ImportPlan plan = csv.plan(sample, Samples.read("csv/" + sample), Optional.empty(), store, Samples.NOW);
        plan.applyTo(store);
        return plan;
    }

    void importAll() throws ImportFailed {
        importing("units.csv");
        importing("contacts.csv");
        importing("leases.csv");
        importing("work-orders.csv");
    }

    static void validAgainstTheVocabulary(List<Event> events) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (Event e : events) {
            var type = EventCatalog.builtIn().find(e.type()).orElseThrow();
            assertThat(type.validate(json.valueToTree(e.data()))).as(e.id()).isEmpty();
        }
    }

    @Test
    void units_contacts_leases_and_work_orders_import_in_that_order() throws ImportFailed {
        ImportPlan units = importing("units.csv");
        ImportPlan contacts = importing("contacts.csv");
        ImportPlan leases = importing("leases.csv");
        ImportPlan workOrders = importing("work-orders.csv");

        assertThat(units.counts().get("floor plans")).isEqualTo(new Tally.Counts(1, 0, 0));
        assertThat(units.counts().get("units")).isEqualTo(new Tally.Counts(6, 0, 0));
        assertThat(store.floorPlan("cedar-ridge", "penthouse").orElseThrow().bedrooms())
                .isEqualTo(3);
        assertThat(store.unit("cedar-ridge", "401").orElseThrow().amenities())
                .containsExactlyInAnyOrder("balcony", "fireplace", "walk-in-closet");
        assertThat(units.events()).extracting(e -> e.data().get("unit")).containsExactlyInAnyOrder("215", "401");
        assertThat(contacts.counts().get("contacts")).isEqualTo(new Tally.Counts(5, 0, 0));
        assertThat(leases.counts().get("leases")).isEqualTo(new Tally.Counts(4, 0, 0));
        assertThat(store.lease("L-A101").orElseThrow().residents()).hasSize(2);
        assertThat(workOrders.counts().get("work orders")).isEqualTo(new Tally.Counts(3, 0, 0));
        validAgainstTheVocabulary(units.events());
        validAgainstTheVocabulary(leases.events());
        validAgainstTheVocabulary(workOrders.events());
    }

    @Test
    void consent_is_recorded_per_channel_and_purpose_with_where_it_was_given() throws ImportFailed {
        importing("units.csv");
        importing("contacts.csv");

        Contact sam = store.contactByExternalId("pms", "R-1042").orElseThrow();

        assertThat(sam.consentNow())
                .containsEntry(Channel.SMS, java.util.Set.of(Purpose.TRANSACTIONAL, Purpose.MARKETING));
        assertThat(sam.consents())
                .allSatisfy(c -> assertThat(c.source()).isEqualTo("lease addendum, signed 2025-06-02"));
        assertThat(sam.phone().orElseThrow().value()).isEqualTo("+13035550177");
        assertThat(store.contactByExternalId("pms", "R-1046").orElseThrow().lastName())
                .isEqualTo("O'Neil Jr.");
    }

    @Test
    void only_recent_history_becomes_events_loading_old_leases_starts_no_journey() throws ImportFailed {
        importing("units.csv");
        importing("contacts.csv");
        ImportPlan leases = importing("leases.csv");
        ImportPlan workOrders = importing("work-orders.csv");

        assertThat(leases.events())
                .extracting(Event::type, e -> e.subject().get("lease"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lease.signed", "L-112"));
        assertThat(workOrders.events())
                .extracting(Event::id)
                .containsExactlyInAnyOrder("workorder.created:WO-5531", "workorder.completed:WO-5520");
    }

    @Test
    void re_importing_changes_nothing_and_a_changed_lease_end_is_announced() throws ImportFailed {
        importAll();
        for (String f : List.of("units.csv", "contacts.csv", "leases.csv", "work-orders.csv")) {
            ImportPlan again = importing(f);
            assertThat(again.changes().isEmpty()).as(f).isTrue();
            assertThat(again.events()).as(f).isEmpty();
        }

        String moved = Samples.read("csv/leases.csv")
                .replace(
                        "L-212,cedar-ridge,212,R-1042,2026-07-01,2027-06-30",
                        "L-212,cedar-ridge,212,R-1042,2026-07-01,2027-08-31");
        ImportPlan plan = csv.plan("leases.csv", moved, Optional.of(CsvKind.LEASES), store, Samples.NOW);

        assertThat(plan.counts().get("leases")).isEqualTo(new Tally.Counts(0, 1, 3));
        assertThat(plan.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("lease.updated");
            assertThat(e.data()).containsEntry("end_date", "2027-08-31").containsEntry("change", "end-date");
        });
    }

    @Test
    void a_wrong_header_is_refused_before_any_row_is_read() {
        assertThatThrownBy(() -> importing("broken-contacts.csv"))
                .isInstanceOfSatisfying(
                        ImportFailed.class,
                        e -> assertThat(e.problems())
                                .extracting(ImportProblem::toString)
                                .containsExactly(
                                        "broken-contacts.csv:1:1: header: unknown column 'emial' for contacts; known:"
                                                + " community, consent_source, email, email_consent, email_verified, external_id,"
                                                + " first_name, language, last_name, phone, phone_verified, role, since, sms_consent,"
                                                + " source, timezone"));
    }

    @Test
    void broken_rows_are_reported_by_line_and_column_and_nothing_is_written() throws ImportFailed {
        assertThatThrownBy(() -> importing("broken-units.csv"))
                .isInstanceOfSatisfying(
                        ImportFailed.class,
                        e -> assertThat(e.problems())
                                .extracting(ImportProblem::toString)
                                .containsExactly(
                                        "broken-units.csv:2:4: status: 'rented' is not one of vacant-ready, vacant-not-ready,"
                                                + " notice-unrented, notice-rented, vacant-leased, occupied, offline",
                                        "broken-units.csv:3:6: market_rent: is empty; a value is required",
                                        "broken-units.csv:4:1: community: 'pine-hollow' is not in the records; import its"
                                                + " property feed first",
                                        "broken-units.csv:5:8: bedrooms: floor plan 'loft' is new: give its bedrooms on its"
                                                + " first row",
                                        "broken-units.csv:6:5: available_on: is required for a notice-unrented unit",
                                        "broken-units.csv:7:5: available_on: '2027-02-31' is not a date; expected YYYY-MM-DD"
                                                + " or M/D/YYYY"));
        assertThat(store.unit("cedar-ridge", "121")).isEmpty();
        assertThat(store.floorPlan("cedar-ridge", "loft")).isEmpty();
    }

    @Test
    void a_lease_of_an_unknown_resident_or_unit_is_refused_with_what_to_import_first() throws ImportFailed {
        importing("units.csv");
        importing("contacts.csv");

        assertThatThrownBy(() -> importing("broken-leases.csv"))
                .isInstanceOfSatisfying(
                        ImportFailed.class,
                        e -> assertThat(e.problems())
                                .extracting(ImportProblem::toString)
                                .containsExactly(
                                        "broken-leases.csv:2:4: residents: 'R-9999' is not a contact from pms yet; import the"
                                                + " contacts file first",
                                        "broken-leases.csv:3:3: unit: unit '999' of cedar-ridge is not in the records; import"
                                                + " the units first",
                                        "broken-leases.csv:4: lease L-302 ends (2026-04-30) before it starts (2027-05-01)",
                                        "broken-leases.csv:4:9: kind: 'sublet' is not one of new, renewal, transfer",
                                        "broken-leases.csv:5:7: rent: 'call us' is not an amount of dollars, such as 1465 or"
                                                + " 1465.50"));
        assertThat(store.lease("L-300")).isEmpty();
        assertThat(store.lease("L-303")).isEmpty();
    }
}
