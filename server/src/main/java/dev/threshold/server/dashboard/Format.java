package dev.threshold.server.dashboard;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/** Numbers as pages print them: shares as percentages, durations in the largest unit that fits. */
public final class Format {
    private Format() {}

    /** {@code part / whole} as "12.5%", or "–" when there is no whole. */
    public static String share(double part, double whole) {
        if (whole <= 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /** A duration in seconds as "45 s", "12 min", "3.5 h", "4.2 d", or "–". */
    public static String duration(OptionalLong seconds) {
        if (seconds.isEmpty()) {
            return "–";
        }
        long s = seconds.getAsLong();
        if (s < 90) {
            return s + " s";
        }
        if (s < 90 * 60) {
            return Math.round(s / 60.0) + " min";
        }
        if (s < 36 * 3600) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
        }
        return String.format(Locale.ROOT, "%.1f d", s / 86_400.0);
    }

    public static String duration(Duration d) {
        return duration(OptionalLong.of(d.toSeconds()));
    }

    /** Money as "$1,234". */
    public static String money(double dollars) {
        return String.format(Locale.ROOT, "$%,.0f", dollars);
    }

    /** A count with thousands separators. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
