package dev.threshold.engine.guardrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentChangeTest {
    private static final Instant T0 = Instant.parse("2027-03-01T12:00:00Z");

    private static ContactView dana() {
        return new ContactView(
                "R-1",
                Set.of("resident"),
                "Dana",
                "Reyes",
                Optional.empty(),
                "en",
                Optional.empty(),
                Optional.empty(),
                Map.of(Channel.SMS, "+1 (303) 555-0101", Channel.EMAIL, "Dana@Example.com"),
                Map.of(
                        Channel.SMS,
                        Set.of(Purpose.TRANSACTIONAL, Purpose.MARKETING),
                        Channel.EMAIL,
                        Set.of(Purpose.TRANSACTIONAL, Purpose.MARKETING)),
                Set.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Optional.empty());
    }

    private static ConsentChange change(
            Channel ch, String address, ConsentChange.Scope scope, boolean granted, Instant at) {
        return new ConsentChange(
                ch,
                address,
                scope,
                granted,
                granted ? ConsentChange.Reason.OPT_IN : ConsentChange.Reason.OPT_OUT,
                "test",
                at);
    }

    @Test
    void a_stop_from_the_contacts_number_suppresses_texts_whatever_the_import_said() {
        ContactView seen = ConsentChange.apply(
                dana(), List.of(change(Channel.SMS, "+13035550101", ConsentChange.Scope.ALL, false, T0)));

        assertThat(seen.permits(Channel.SMS, Purpose.TRANSACTIONAL)).isFalse();
        assertThat(seen.permits(Channel.EMAIL, Purpose.MARKETING)).isTrue();
    }

    @Test
    void the_latest_change_wins_so_start_after_stop_restores_texts() {
        ContactView seen = ConsentChange.apply(
                dana(),
                List.of(
                        change(Channel.SMS, "+13035550101", ConsentChange.Scope.ALL, true, T0.plusSeconds(60)),
                        change(Channel.SMS, "+13035550101", ConsentChange.Scope.ALL, false, T0)));

        assertThat(seen.permits(Channel.SMS, Purpose.MARKETING)).isTrue();
    }

    @Test
    void an_unsubscribe_removes_marketing_only_and_matches_the_address_whatever_its_case() {
        ContactView seen = ConsentChange.apply(
                dana(), List.of(change(Channel.EMAIL, "dana@example.COM ", ConsentChange.Scope.MARKETING, false, T0)));

        assertThat(seen.permits(Channel.EMAIL, Purpose.MARKETING)).isFalse();
        assertThat(seen.permits(Channel.EMAIL, Purpose.TRANSACTIONAL)).isTrue();
    }

    @Test
    void a_change_about_an_address_the_contact_no_longer_has_does_not_apply() {
        ContactView seen = ConsentChange.apply(
                dana(), List.of(change(Channel.SMS, "+13035550199", ConsentChange.Scope.ALL, false, T0)));

        assertThat(seen.permits(Channel.SMS, Purpose.MARKETING)).isTrue();
    }

    @Test
    void a_change_without_an_address_is_refused_with_the_reason() {
        assertThatThrownBy(() -> change(Channel.SMS, " - ", ConsentChange.Scope.ALL, false, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the sms address");
    }
}
