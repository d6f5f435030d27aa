package dev.threshold.domain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.ContactPoint;
import dev.threshold.domain.importing.mits.GuestCardImport;
import dev.threshold.domain.importing.mits.MitsPropertyImport;
import dev.threshold.domain.leasing.Interest;
import dev.threshold.domain.leasing.ProspectStatus;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCatalog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GuestCardImportTest {
    final InMemoryPropertyStore store = new InMemoryPropertyStore();
    final GuestCardImport guestCards = new GuestCardImport();

    @BeforeEach
    void theCommunitiesExist() throws ImportFailed {
        new MitsPropertyImport()
                .plan("summit-properties.xml", Samples.read("mits/summit-properties.xml"), store, Samples.NOW)
                .applyTo(store);
    }

    ImportPlan importing(String sample) throws ImportFailed {
        ImportPlan plan = guestCards.plan(sample, Samples.read("mits/" + sample), store, Samples.NOW);
        plan.applyTo(store);
        return plan;
    }

    Contact ana() {
        List<Contact> found = store.contactsWith(ContactPoint.email("ana.ruiz@example.com", false));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void a_renter_who_inquires_at_two_communities_is_one_contact_with_two_interests() throws ImportFailed {
        ImportPlan plan = importing("summit-guest-cards.xml");

        assertThat(plan.counts().get("contacts")).isEqualTo(new Tally.Counts(4, 0, 0));
        assertThat(plan.counts().get("interests")).isEqualTo(new Tally.Counts(5, 0, 0));
        assertThat(plan.counts().get("guest cards")).isEqualTo(new Tally.Counts(5, 0, 0));
        Contact ana = ana();
        assertThat(ana.externalIds())
                .containsEntry("ils:zillow", "Z-88213")
                .containsEntry("ils:apartments-com", "AC-5521");
        assertThat(store.interestsOf(ana.id()))
                .extracting(Interest::community, Interest::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("cedar-ridge", ProspectStatus.NEW),
                        org.assertj.core.groups.Tuple.tuple("aspen-grove", ProspectStatus.BOOKED));
        assertThat(ana.preferences().moveDate()).hasValue(LocalDate.of(2027, 4, 15));
    }

    @Test
    void each_new_open_interest_yields_lead_created_with_the_leads_answers_and_closed_ones_do_not()
            throws ImportFailed {
        ImportPlan plan = importing("summit-guest-cards.xml");

        assertThat(plan.events())
                .extracting(Event::id)
                .containsExactly(
                        "lead.created:website:W-3001",
                        "lead.created:walk-in:W-3002",
                        "lead.created:ils:zillow:Z-88213",
                        "lead.created:ils:apartments-com:AC-5521");
        Event zillow = plan.events().get(2);
        assertThat(zillow.occurredAt()).isEqualTo(Instant.parse("2027-02-28T02:42:00Z"));
        assertThat(zillow.data())
                .containsEntry("source", "ils")
                .containsEntry("ils", "Zillow")
                .containsEntry("channel", "email")
                .containsEntry("budget_max", 1500.0)
                .containsEntry("bedrooms", 1L)
                .containsEntry("move_date", "2027-04-15")
                .containsEntry("pets", true)
                .containsEntry("pet_types", List.of("dog"));
        var type = EventCatalog.builtIn().find("lead.created").orElseThrow();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        plan.events()
                .forEach(e -> assertThat(type.validate(json.valueToTree(e.data())))
                        .as(e.id())
                        .isEmpty());
    }

    @Test
    void importing_the_same_guest_cards_again_changes_nothing_and_emits_nothing() throws ImportFailed {
        importing("summit-guest-cards.xml");

        ImportPlan again = importing("summit-guest-cards.xml");

        assertThat(again.changes().isEmpty()).isTrue();
        assertThat(again.events()).isEmpty();
        assertThat(again.counts().get("contacts")).isEqualTo(new Tally.Counts(0, 0, 4));
    }

    @Test
    void a_lead_whose_only_email_is_known_unverified_is_a_new_contact_reported_as_a_possible_duplicate()
            throws ImportFailed {
        importing("summit-guest-cards.xml");
        String xml = Samples.read("mits/summit-guest-cards.xml")
                .replace("Z-88213", "Z-99999")
                .replace(
                        "<FirstName>Ana</FirstName><LastName>Ruiz</LastName></Name>\n          <Phone PhoneType=\"cell\"><PhoneNumber>(303) 555-0142</PhoneNumber></Phone>",
                        "<FirstName>Luis</FirstName><LastName>Ruiz</LastName></Name>");

        ImportPlan plan = guestCards.plan("shared-inbox.xml", xml, store, Samples.NOW);

        assertThat(plan.counts().get("contacts").created()).isEqualTo(1);
        assertThat(plan.notes())
                .singleElement()
                .asString()
                .contains("lead Z-99999 (Luis Ruiz): possibly the same" + " person as " + ana().id());
    }

    @Test
    void broken_guest_cards_report_every_problem_with_its_line_and_write_nothing() {
        assertThatThrownBy(() -> importing("broken-guest-cards.xml"))
                .isInstanceOfSatisfying(
                        ImportFailed.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.line() + " " + p.where() + ": "
                                        + p.message().split("[;:]")[0])
                                .containsExactly(
                                        "5 LeadManagement/Prospects/Prospect[1]/PropertyID: community 'lakeside' is not in the"
                                                + " records",
                                        "19 LeadManagement/Prospects/Prospect[2]/Customers/Customer/Identification: IDValue is"
                                                + " required",
                                        "22 LeadManagement/Prospects/Prospect[2]/Customers/Customer/Email: 'lou at example.com'"
                                                + " is not an email address",
                                        "26 LeadManagement/Prospects/Prospect[2]/CustomerPreferences/TargetMoveInDate: 'next"
                                                + " spring' is not a date",
                                        "27 LeadManagement/Prospects/Prospect[2]/CustomerPreferences/DesiredRent: '$1.5k' is"
                                                + " not an amount of dollars, such as 1465 or 1465.50",
                                        "29 LeadManagement/Prospects/Prospect[2]/Events/Event: EventType 'Fax' is not one of"
                                                + " Email, Call, Text, Chat, WebSite, Walkin, FollowUp, Waitlist, Appointment,"
                                                + " Show, Tour, CancelAppointment, NoShow, Application, LeaseSign, LeadLost",
                                        "34 LeadManagement/Prospects/Prospect[3]/Customers/Customer: needs an Email or a Phone",
                                        "39 LeadManagement/Prospects/Prospect[3]/Events/Event@EventDate: 'yesterday' is not a"
                                                + " date-time"));
        assertThat(store.contactsWith(ContactPoint.email("kim@example.com", false)))
                .isEmpty();
        assertThat(store.interestsOf(dev.threshold.domain.importing.ContactIds.of("ils:zillow", "Z-1")))
                .isEmpty();
    }
}
