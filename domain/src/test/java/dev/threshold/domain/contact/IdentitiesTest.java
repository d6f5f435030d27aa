package dev.threshold.domain.contact;

import static dev.threshold.domain.fixtures.People.aProspect;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentitiesTest {
    final Contact ana = aProspect()
            .withId("C-1")
            .named("Ana", "Ruiz")
            .withEmail("ana.ruiz@example.com", false)
            .withPhone("303-555-0142", false)
            .knownAs("ils:zillow", "88213")
            .contact();
    final Contact verified = aProspect()
            .withId("C-2")
            .named("Bo", "Lind")
            .withEmail("bo@example.com", true)
            .contact();
    final Identities known = Identities.of(List.of(ana, verified));

    @Test
    void the_same_lead_imported_again_is_found_by_its_source_id() {
        Contact again = aProspect()
                .withId("new")
                .named("Ana", "Ruiz")
                .knownAs("ils:zillow", "88213")
                .contact();

        assertThat(known.resolve(again).contact()).hasValue("C-1");
    }

    @Test
    void a_verified_email_alone_is_enough_to_know_the_person() {
        Contact card = aProspect()
                .withId("new")
                .named("Robert", "Lind")
                .withEmail("BO@example.com ", false)
                .contact();

        assertThat(known.resolve(card).contact()).hasValue("C-2");
    }

    @Test
    void an_inquiry_at_another_community_with_the_same_email_and_phone_is_the_same_person() {
        Contact card = aProspect()
                .withId("new")
                .named("A.", "Ruiz")
                .withEmail("ana.ruiz@example.com", false)
                .withPhone("+1 (303) 555-0142", false)
                .contact();

        assertThat(known.resolve(card).contact()).hasValue("C-1");
    }

    @Test
    void one_unverified_detail_alone_never_merges_two_people_but_is_reported() {
        Contact sharedInbox = aProspect()
                .withId("new")
                .named("Luis", "Ruiz")
                .withEmail("ana.ruiz@example.com", false)
                .contact();

        Identities.Resolution r = known.resolve(sharedInbox);

        assertThat(r.contact()).isEmpty();
        assertThat(r.possibleDuplicates()).containsExactly("C-1");
    }
}
