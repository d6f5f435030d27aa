package dev.threshold.domain.qualifying;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.domain.fixtures.Requests;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.action.ActionException;
import dev.threshold.engine.core.ContactView;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualifyingGuestCardsTest {
    /** March 1, 2027, 9:00 in Denver. */
    static final Instant MARCH_1 = Instant.parse("2027-03-01T16:00:00Z");

    final QualifyingGuestCards action = new QualifyingGuestCards();

    Map<String, Object> read(Map<String, Object> form) {
        return read(form, ContactView.minimal("P-1", "prospect"), Map.of());
    }

    Map<String, Object> read(Map<String, Object> form, ContactView who, Map<String, Object> args) {
        Requests r = Requests.on(new InMemoryPropertyStore())
                .forContact(withZone(who))
                .at(MARCH_1)
                .with("preferences", form);
        args.forEach(r::with);
        return action.run(r.build());
    }

    @Test
    void a_form_typed_the_way_people_type_becomes_a_qualified_guest_card() {
        Map<String, Object> card = read(Map.of(
                "budget", "around $1,500/month",
                "move_in", "early April",
                "bedrooms", "2br",
                "pets", "one small dog",
                "tour_preference", "In person please"));

        assertThat(card)
                .containsEntry("budget_max", 1500.0)
                .containsEntry("budget_text", "up to $1,500")
                .containsEntry("move_date", "2027-04-05")
                .containsEntry("move_text", "early April 2027")
                .containsEntry("bedrooms", 2L)
                .containsEntry("pets", true)
                .containsEntry("pet_types", List.of("dog"))
                .containsEntry("pets_text", "1 dog")
                .containsEntry("tour_preference", "in-person")
                .containsEntry("missing", List.of())
                .containsEntry("qualified", true)
                .containsEntry(
                        "summary",
                        "2 bedrooms, moving in early April 2027, up to $1,500 a month, 1 dog, an in-person tour");
    }

    @Test
    void a_range_keeps_its_bounds_and_a_studio_has_no_bedroom() {
        Map<String, Object> card = read(Map.of("budget", "1,400-1.6k", "bedrooms", "Studio", "pets", "no"));

        assertThat(card)
                .containsEntry("budget_min", 1400.0)
                .containsEntry("budget_max", 1600.0)
                .containsEntry("budget_text", "$1,400 to $1,600")
                .containsEntry("bedrooms", 0L)
                .containsEntry("bedrooms_text", "a studio")
                .containsEntry("pets", false)
                .containsEntry("pets_text", "no pets");
    }

    @Test
    void dates_without_a_year_are_the_next_such_date_and_asap_is_today() {
        assertThat(read(Map.of("move_in", "1/15"))).containsEntry("move_date", "2028-01-15");
        assertThat(read(Map.of("move_in", "April 20th"))).containsEntry("move_date", "2027-04-20");
        assertThat(read(Map.of("move_in", "mid-May"))).containsEntry("move_date", "2027-05-15");
        assertThat(read(Map.of("move_in", "ASAP")))
                .containsEntry("move_date", "2027-03-01")
                .containsEntry("move_text", "as soon as possible");
        assertThat(read(Map.of("move_in", "in 3 weeks"))).containsEntry("move_date", "2027-03-22");
    }

    @Test
    void a_move_date_already_past_is_asked_again() {
        Map<String, Object> card = read(Map.of("move_in", "1/15/2026"));

        assertThat(card).doesNotContainKey("move_date");
        assertThat(card.get("unclear")).isEqualTo(Map.of("move_date", "1/15/2026"));
    }

    @Test
    void what_is_typed_but_not_understood_is_unclear_and_still_asked() {
        Map<String, Object> card = read(Map.of("budget", "depends on the place", "move_in", "flexible"));

        assertThat(card.get("missing"))
                .isEqualTo(List.of("budget_max", "bedrooms", "move_date", "pets", "tour_preference"));
        assertThat(card.get("unclear"))
                .isEqualTo(Map.of("budget_max", "depends on the place", "move_date", "flexible"));
        assertThat(card)
                .containsEntry("qualified", false)
                .containsEntry("missing_text", "monthly budget, bedrooms, move-in date, pets and tour preference");
    }

    @Test
    void the_message_fills_gaps_only_where_it_says_so_plainly() {
        Map<String, Object> card = read(
                Map.of(
                        "bedrooms",
                        "",
                        "message",
                        "Hi! Is it available now? We have two cats and need a 2 bedroom, budget is 1700. I may visit on Saturday."));

        assertThat(card)
                .containsEntry("bedrooms", 2L)
                .containsEntry("budget_max", 1700.0)
                .containsEntry("pet_counts", Map.of("cat", 2));
        // "available now" is a question, not a move date; "may" is not May
        assertThat(card.get("missing")).isEqualTo(List.of("move_date", "tour_preference"));
    }

    @Test
    void an_assistance_animal_is_not_a_pet() {
        assertThat(read(Map.of("pets", "service dog"))).containsEntry("pets", false);
        assertThat(read(Map.of("pets", "a cat and an emotional support dog")))
                .containsEntry("pet_counts", Map.of("cat", 1));
        assertThat(read(Map.of("message", "I have a service dog, she goes everywhere with me.")))
                .doesNotContainKey("pets");
    }

    @Test
    void what_we_already_know_about_the_person_is_not_asked_again() {
        ContactView known = ContactView.minimal("P-1", "prospect");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("budget_max", 1800);
        prefs.put("pets", Map.of("dog", 1));
        known = withPreferences(known, prefs);

        // a form sends every field, blank when not filled in
        Map<String, Object> card = read(Map.of("bedrooms", "1", "budget", "", "pets", ""), known, Map.of());

        assertThat(card)
                .containsEntry("budget_max", 1800.0)
                .containsEntry("pet_types", List.of("dog"))
                .containsEntry("missing", List.of("move_date", "tour_preference"));
    }

    @Test
    void answers_an_agent_recorded_win_over_what_the_form_typed() {
        Map<String, Object> card = read(Map.of(
                "budget",
                "around 1500",
                "budget_max",
                1700,
                "pets",
                true,
                "pet_types",
                List.of("cat"),
                "move_in",
                "asap",
                "move_date",
                "2027-04-01"));

        assertThat(card)
                .containsEntry("budget_max", 1700.0)
                .containsEntry("pet_types", List.of("cat"))
                .containsEntry("move_date", "2027-04-01");
    }

    @Test
    void a_reply_to_the_one_question_asked_is_read_as_its_answer() {
        Map<String, Object> form =
                Map.of("budget", "1500", "bedrooms", "2", "move_in", "April 1", "pets", "none", "tour_preference", "");

        Map<String, Object> card = read(form, ContactView.minimal("P-1", "prospect"), Map.of("answer", "Self guided"));

        assertThat(card).containsEntry("tour_preference", "self-guided").containsEntry("qualified", true);
    }

    @Test
    void a_reply_to_several_questions_is_read_for_what_it_states_and_corrects_what_we_had() {
        Map<String, Object> form = Map.of("bedrooms", "1", "budget", "$1,300");

        Map<String, Object> card = read(
                form,
                ContactView.minimal("P-1", "prospect"),
                Map.of("answer", "Actually 2 bedrooms, around May 15, no pets. Virtual tour is best"));

        assertThat(card)
                .containsEntry("bedrooms", 2L)
                .containsEntry("budget_max", 1300.0)
                .containsEntry("move_date", "2027-05-15")
                .containsEntry("pets", false)
                .containsEntry("tour_preference", "virtual")
                .containsEntry("qualified", true);
    }

    @Test
    void a_bare_amount_in_a_reply_is_the_budget_we_asked_for_but_a_year_is_not() {
        Map<String, Object> form = Map.of("bedrooms", "1", "pets", "no", "tour_preference", "in person");

        Map<String, Object> card =
                read(form, ContactView.minimal("P-1", "prospect"), Map.of("answer", "about 1650, from May 15, 2027"));

        assertThat(card)
                .containsEntry("budget_max", 1650.0)
                .containsEntry("move_date", "2027-05-15")
                .containsEntry("qualified", true);
    }

    @Test
    void a_community_may_require_fewer_answers() {
        Map<String, Object> card = read(
                Map.of("budget", "$1,500", "bedrooms", "1", "move_in", "4/1"),
                ContactView.minimal("P-1", "prospect"),
                Map.of("require", "budget_max, bedrooms, move_date"));

        assertThat(card).containsEntry("qualified", true).containsEntry("missing", List.of());
    }

    @Test
    void an_unknown_required_answer_is_an_error_that_names_the_choices() {
        assertThatThrownBy(() -> read(Map.of(), ContactView.minimal("P-1", "prospect"), Map.of("require", "income")))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining(
                        "qualify-guest-card: 'require' is 'income'; expected some of budget_max, bedrooms");
    }

    static ContactView withZone(ContactView c) {
        return new ContactView(
                c.id(),
                c.roles(),
                c.firstName(),
                c.lastName(),
                Optional.of(ZoneId.of("America/Denver")),
                c.language(),
                c.community(),
                c.state(),
                c.addresses(),
                c.consent(),
                c.suppressed(),
                c.preferences(),
                c.attributes(),
                c.agent(),
                c.lastActivityAt());
    }

    static ContactView withPreferences(ContactView c, Map<String, Object> preferences) {
        return new ContactView(
                c.id(),
                c.roles(),
                c.firstName(),
                c.lastName(),
                c.timezone(),
                c.language(),
                c.community(),
                c.state(),
                c.addresses(),
                c.consent(),
                c.suppressed(),
                preferences,
                c.attributes(),
                c.agent(),
                c.lastActivityAt());
    }
}
