package dev.threshold.runtime.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DurationBucketsTest {

    @Property
    void a_stay_of_a_minute_or_more_is_read_back_within_ten_percent(
            @ForAll @LongRange(min = 60, max = 400L * 86_400) long seconds) {
        long back = DurationBuckets.seconds(DurationBuckets.bucket(seconds));
        assertThat((double) back).isCloseTo(seconds, org.assertj.core.data.Percentage.withPercentage(10.5));
    }

    @Test
    void the_median_and_p90_of_a_hundred_stays_are_those_of_the_fiftieth_and_ninetieth() {
        Map<Integer, Long> counts = new HashMap<>();
        for (int minutes = 1; minutes <= 100; minutes++) {
            counts.merge(DurationBuckets.bucket(minutes * 60L), 1L, Long::sum);
        }
        assertThat((double) DurationBuckets.quantile(counts, 0.5).orElseThrow())
                .isCloseTo(50 * 60, org.assertj.core.data.Percentage.withPercentage(10.5));
        assertThat((double) DurationBuckets.quantile(counts, 0.9).orElseThrow())
                .isCloseTo(90 * 60, org.assertj.core.data.Percentage.withPercentage(10.5));
    }

    @Test
    void nobody_counted_has_no_median() {
        assertThat(DurationBuckets.quantile(Map.of(), 0.5)).isEmpty();
        assertThat(DurationBuckets.bucket(0)).isZero();
        assertThat(DurationBuckets.bucket(-5)).isZero();
    }
}
