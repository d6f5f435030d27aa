package dev.threshold.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpanTest {

    @ParameterizedTest
    @CsvSource({
        "15m, 15m",
        "2h, 2h",
        "3d, 3d",
        "2w, 2w",
        "-90d, -90d",
        "'4 business hours', 4 business hours",
        "'2 business days', 2 business days",
        "4bh, 4 business hours",
        "'90 days', 90d",
        "'1 hour', 1h"
    })
    void journeys_write_durations_in_short_and_long_forms(String text, String normalized) {
        assertThat(Span.parse(text)).hasToString(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3 dayz", "ten", "2 business weeks", "1.5h", "d"})
    void anything_else_is_refused_with_the_accepted_forms(String text) {
        assertThatThrownBy(() -> Span.parse(text)).hasMessageContaining("expected forms like 15m, 2h");
    }

    @ParameterizedTest
    @CsvSource({
        // Saturday 10:00 MST + 1d is Sunday 10:00 MDT: 23 hours, because days are calendar days
        "2027-03-13T17:00:00Z, 1d, 2027-03-14T16:00:00Z",
        // hours are exact across the change
        "2027-03-13T17:00:00Z, 24h, 2027-03-14T17:00:00Z",
        "2027-11-06T16:00:00Z, 1d, 2027-11-07T17:00:00Z"
    })
    void days_follow_the_local_calendar_and_hours_the_clock(String from, String span, String expected) {
        ZoneId denver = ZoneId.of("America/Denver");
        assertThat(Span.parse(span).addTo(Instant.parse(from), denver, BusinessCalendar.standard(denver)))
                .isEqualTo(Instant.parse(expected));
    }
}
