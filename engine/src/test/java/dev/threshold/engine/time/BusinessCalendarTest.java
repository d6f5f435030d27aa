package dev.threshold.engine.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    static final ZoneId NY = ZoneId.of("America/New_York");
    static final BusinessCalendar OFFICE = new BusinessCalendar(
            NY,
            Map.of(
                    DayOfWeek.MONDAY,
                    BusinessCalendar.Hours.parse("09:00-18:00"),
                    DayOfWeek.TUESDAY,
                    BusinessCalendar.Hours.parse("09:00-18:00"),
                    DayOfWeek.WEDNESDAY,
                    BusinessCalendar.Hours.parse("09:00-18:00"),
                    DayOfWeek.THURSDAY,
                    BusinessCalendar.Hours.parse("09:00-18:00"),
                    DayOfWeek.FRIDAY,
                    BusinessCalendar.Hours.parse("09:00-18:00"),
                    DayOfWeek.SATURDAY,
                    BusinessCalendar.Hours.parse("10:00-14:00")),
            Set.of(LocalDate.of(2027, 7, 5)));

    static Instant ny(String local) {
        return java.time.LocalDateTime.parse(local).atZone(NY).toInstant();
    }

    @Test
    void escalate_after_four_business_hours_counts_only_open_hours() {
        // Friday 16:00: two hours on Friday, then Saturday 10:00-12:00
        assertThat(OFFICE.plusBusinessTime(ny("2027-07-02T16:00"), Duration.ofHours(4)))
                .isEqualTo(ny("2027-07-03T12:00"));
    }

    @Test
    void a_request_at_night_starts_counting_when_the_office_opens() {
        assertThat(OFFICE.plusBusinessTime(ny("2027-07-06T22:30"), Duration.ofHours(1)))
                .isEqualTo(ny("2027-07-07T10:00"));
    }

    @Test
    void two_business_days_before_move_in_skips_the_sunday_and_the_holiday() {
        // move-in Wednesday July 7 at 10:00; the office is closed Sunday July 4 and Monday July 5 (holiday)
        assertThat(OFFICE.plusBusinessDays(ny("2027-07-07T10:00"), -2)).isEqualTo(ny("2027-07-03T10:00"));
    }

    @Test
    void counting_back_in_business_hours_mirrors_counting_forward() {
        Instant start = ny("2027-07-06T11:00");
        Instant back = OFFICE.plusBusinessTime(start, Duration.ofHours(-5));
        assertThat(back).isEqualTo(ny("2027-07-03T11:00"));
        assertThat(OFFICE.plusBusinessTime(back, Duration.ofHours(5))).isEqualTo(start);
    }

    @Test
    void the_office_is_open_inside_its_hours_only() {
        assertThat(OFFICE.isOpen(ny("2027-07-06T09:00"))).isTrue();
        assertThat(OFFICE.isOpen(ny("2027-07-06T18:00"))).isFalse();
        assertThat(OFFICE.isOpen(ny("2027-07-05T12:00"))).as("holiday").isFalse();
    }
}
