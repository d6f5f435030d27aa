package dev.threshold.domain.qualifying;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.domain.fixtures.Requests;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.core.ContactView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever people type, the guest card is read without failing, and every answer it gives is sane. */
class GuestCardProperties {
    static final Instant MARCH_1 = Instant.parse("2027-03-01T16:00:00Z");

    @Property(tries = 500)
    void any_typing_gives_answers_in_range_and_missing_is_exactly_what_is_unknown(
            @ForAll("typing") String budget,
            @ForAll("typing") String moveIn,
            @ForAll("typing") String bedrooms,
            @ForAll("typing") String pets,
            @ForAll("typing") String tour,
            @ForAll("typing") String message) {
        Map<String, Object> card = new QualifyingGuestCards()
                .run(Requests.on(new InMemoryPropertyStore())
                        .forContact(ContactView.minimal("P-1", "prospect"))
                        .at(MARCH_1)
                        .with(
                                "preferences",
                                Map.of(
                                        "budget", budget,
                                        "move_in", moveIn,
                                        "bedrooms", bedrooms,
                                        "pets", pets,
                                        "tour_preference", tour,
                                        "message", message))
                        .build());

        if (card.get("budget_max") instanceof Double max) {
            assertThat(max).isBetween(200.0, 50_000.0);
        }
        if (card.get("bedrooms") instanceof Long b) {
            assertThat(b).isBetween(0L, 10L);
        }
        if (card.get("move_date") instanceof String d) {
            assertThat(LocalDate.parse(d)).isAfterOrEqualTo(LocalDate.of(2027, 3, 1));
        }
        if (card.containsKey("tour_preference")) {
            assertThat(card.get("tour_preference")).isIn("in-person", "self-guided", "virtual");
        }
        List<String> unknown = new ArrayList<>();
        for (String answer : QualifyingGuestCards.ANSWERS) {
            if (!card.containsKey(answer)) {
                unknown.add(answer);
            }
        }
        assertThat(card.get("missing")).isEqualTo(unknown);
        assertThat(card.get("qualified")).isEqualTo(unknown.isEmpty());
    }

    @Provide
    Arbitrary<String> typing() {
        Arbitrary<String> words = Arbitraries.of(
                "around",
                "$1,500",
                "1.5k",
                "1400-1600",
                "2br",
                "studio",
                "two",
                "bedrooms",
                "dog",
                "cats",
                "no",
                "none",
                "service",
                "early",
                "mid",
                "April",
                "may",
                "4/31",
                "13/01",
                "2027-02-30",
                "asap",
                "in",
                "weeks",
                "self",
                "guided",
                "video",
                "in person",
                "yes",
                "my",
                "have",
                "a",
                "0",
                "99999",
                "/",
                "-",
                ",",
                "budget",
                "is",
                "month",
                "end of",
                "Feb",
                "29th");
        Arbitrary<String> phrases = words.list().ofMaxSize(8).map(ws -> String.join(" ", ws));
        return Arbitraries.oneOf(phrases, Arbitraries.strings().ofMaxLength(40));
    }
}
