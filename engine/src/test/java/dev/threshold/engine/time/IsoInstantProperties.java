package dev.threshold.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/** The fast reading of date-times agrees with the JDK's on every text, read or refused. */
class IsoInstantProperties {

    @Property(tries = 3000)
    void reads_what_the_jdk_writes_as_the_jdk_reads_it(
            @ForAll @LongRange(min = -2_000_000_000L, max = 8_000_000_000L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int quarterHours,
            @ForAll @IntRange(min = 0, max = 3) int precision) {
        int nano = switch (precision) {
            case 0 -> 0;
            case 1 -> nanos / 1_000_000 * 1_000_000;
            case 2 -> nanos / 1_000 * 1_000;
            default -> nanos;
        };
        Instant instant = Instant.ofEpochSecond(epochSecond, nano);
        String utc = instant.toString();
        String offset = OffsetDateTime.ofInstant(instant, ZoneOffset.ofTotalSeconds(quarterHours * 900))
                .toString();

        assertThat(IsoInstant.parse(utc)).isEqualTo(Instant.parse(utc)).isEqualTo(instant);
        if (offset.length() >= 25) { // OffsetDateTime.toString leaves out zero seconds: not RFC 3339, the JDK reads it
            assertThat(IsoInstant.parse(offset))
                    .isEqualTo(OffsetDateTime.parse(offset).toInstant());
        }
    }

    @Property(tries = 3000)
    void any_text_near_a_date_time_is_read_or_refused_as_the_jdk_does(
            @ForAll @StringLength(min = 0, max = 6) String noise, @ForAll @IntRange(min = 0, max = 30) int at) {
        String base = "2027-03-02T09:00:00.125-07:00";
        int cut = Math.min(at, base.length());
        String text = base.substring(0, cut) + noise + base.substring(Math.min(base.length(), cut + noise.length()));
        Instant jdk;
        try {
            jdk = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> IsoInstant.parse(text)).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(IsoInstant.parse(text)).isEqualTo(jdk);
    }

    @Example
    void impossible_dates_and_times_are_refused_with_the_jdks_explanation() {
        for (String bad : new String[] {
            "2027-02-30T09:00:00Z", "2027-13-01T09:00:00Z", "2027-03-02T24:00:00Z", "2027-03-02T09:60:00Z",
            "2027-03-02T09:00:00", "2027-03-02T09:00:00+19:00", "2027-03-02 09:00:00Z", "yesterday"
        }) {
            assertThatThrownBy(() -> IsoInstant.parse(bad))
                    .as(bad)
                    .isInstanceOf(DateTimeParseException.class)
                    .hasMessageContaining(bad);
        }
        assertThat(IsoInstant.parse("2027-03-02T09:00:00.5+05:30")).isEqualTo(Instant.parse("2027-03-02T03:30:00.5Z"));
        assertThat(IsoInstant.parse("2027-03-02t09:00:00z")).isEqualTo(Instant.parse("2027-03-02T09:00:00Z"));
    }
}
