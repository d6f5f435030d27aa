package dev.threshold.runtime.analytics;

import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Durations kept as counts in geometric buckets, each 20% wider than the one before: bucket 0 holds durations
 * under a second, bucket {@code b > 0} those from 1.2^(b-1) up to 1.2^b seconds. A year fits in under a hundred
 * buckets, counts add up across communities and versions, and a quantile of stays of a minute or more read from
 * them is within 10% of the exact one.
 *
 * <pre>{@code
 * int b = DurationBuckets.bucket(3_600);                  // one hour
 * long median = DurationBuckets.quantile(counts, 0.5).orElse(0);
 * }</pre>
 */
public final class DurationBuckets {
    private static final double RATIO = 1.2;
    private static final double LOG_RATIO = Math.log(RATIO);

    private DurationBuckets() {}

    /** The bucket of a duration in seconds; negative durations count as zero. */
    public static int bucket(long seconds) {
        if (seconds < 1) {
            return 0;
        }
        return (int) Math.floor(Math.log(seconds) / LOG_RATIO) + 1;
    }

    /** The seconds a bucket stands for: the geometric middle of its range (0 for bucket 0). */
    public static long seconds(int bucket) {
        if (bucket <= 0) {
            return 0;
        }
        return Math.round(Math.pow(RATIO, bucket - 0.5));
    }

    /**
     * The duration below which a share {@code q} (0 to 1) of the counted people fall, or empty when nobody was
     * counted.
     *
     * @param counts people per bucket
     */
    public static OptionalLong quantile(Map<Integer, Long> counts, double q) {
        SortedMap<Integer, Long> sorted = new TreeMap<>(counts);
        long total = sorted.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return OptionalLong.empty();
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (Map.Entry<Integer, Long> e : sorted.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return OptionalLong.of(seconds(e.getKey()));
            }
        }
        return OptionalLong.of(seconds(sorted.lastKey()));
    }
}
