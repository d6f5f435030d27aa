package dev.threshold.engine.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuietHoursTest {

    @ParameterizedTest(name = "{0} at {1} local: allowed={2}")
    @CsvSource({
        "CO, 2027-03-03T07:59, false",
        "CO, 2027-03-03T08:00, true",
        "CO, 2027-03-03T20:59, true",
        "CO, 2027-03-03T21:00, false",
        "FL, 2027-03-03T20:00, false",
        "FL, 2027-03-03T19:59, true",
        "MD, 2027-03-03T20:30, false",
        "MS, 2027-03-03T20:30, false",
        "NJ, 2027-03-03T20:30, false",
        "OK, 2027-03-03T20:30, false",
        "CT, 2027-03-03T08:30, false",
        "CT, 2027-03-03T09:00, true",
        "CT, 2027-03-03T20:00, false",
        // Texas: 09:00 to 21:00, but Sundays from noon
        "TX, 2027-03-03T08:30, false",
        "TX, 2027-03-03T20:30, true",
        "TX, 2027-03-07T11:00, false",
        "TX, 2027-03-07T12:00, true"
    })
    void texts_go_out_only_inside_the_recipients_state_window(String state, String local, boolean allowed) {
        ZoneId zone = ZoneId.of("America/Chicago");
        Instant at = LocalDateTime.parse(local).atZone(zone).toInstant();
        assertThat(QuietHours.allows(at, zone, Optional.of(state), Optional.empty(), Purpose.TRANSACTIONAL))
                .isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({
        "CO, 2027-03-03T22:15, 2027-03-04T08:00",
        "CT, 2027-03-03T21:00, 2027-03-04T09:00",
        "TX, 2027-03-06T21:30, 2027-03-07T12:00",
        "CO, 2027-03-03T03:00, 2027-03-03T08:00"
    })
    void a_text_due_at_night_waits_for_the_next_opening(String state, String local, String expected) {
        ZoneId zone = ZoneId.of("America/Denver");
        Instant at = LocalDateTime.parse(local).atZone(zone).toInstant();
        assertThat(LocalDateTime.ofInstant(
                        QuietHours.nextAllowed(at, zone, Optional.of(state), Optional.empty(), Purpose.TRANSACTIONAL),
                        zone))
                .isEqualTo(LocalDateTime.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "10:00-19:00, 2027-03-03T09:30, false",
        "10:00-19:00, 2027-03-03T10:00, true",
        "06:00-23:00, 2027-03-03T07:00, false",
        "06:00-23:00, 2027-03-03T22:00, false"
    })
    void a_community_may_narrow_the_window_but_never_widen_it(String own, String local, boolean allowed) {
        ZoneId zone = ZoneId.of("America/Denver");
        Instant at = LocalDateTime.parse(local).atZone(zone).toInstant();
        assertThat(QuietHours.allows(
                        at, zone, Optional.of("CO"), Optional.of(QuietHours.Window.parse(own)), Purpose.MARKETING))
                .isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}: {1} local, {2} -> {3}")
    @CsvSource({
        // Mississippi allows no solicitation on Sundays (Miss. Code 77-3-723(1)); answers still go out
        "MS, 2027-03-07T10:00, MARKETING, 2027-03-08T08:00",
        "MS, 2027-03-07T10:00, TRANSACTIONAL, 2027-03-07T10:00",
        "MS, 2027-03-06T20:30, MARKETING, 2027-03-08T08:00",
        "TX, 2027-03-07T10:00, TRANSACTIONAL, 2027-03-07T12:00"
    })
    void days_a_state_closes_to_solicitation_hold_marketing_only(
            String state, String local, Purpose purpose, String expected) {
        ZoneId zone = ZoneId.of("America/Chicago");
        Instant at = LocalDateTime.parse(local).atZone(zone).toInstant();
        assertThat(LocalDateTime.ofInstant(
                        QuietHours.nextAllowed(at, zone, Optional.of(state), Optional.empty(), purpose), zone))
                .isEqualTo(LocalDateTime.parse(expected));
    }

    @org.junit.jupiter.api.Test
    void a_window_that_is_not_one_says_what_was_expected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuietHours.Window.parse("8am-9pm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'8am-9pm' is not a window; expected HH:MM-HH:MM");
    }
}
