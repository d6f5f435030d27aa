package dev.threshold.domain.action;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Dates and lists as messages print them, so every action words its reasons the same way. */
public final class Wording {
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM d", Locale.US);
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);

    private Wording() {}

    /** {@code Mar 20}, with the year when it is not the current one. */
    public static String day(LocalDate day, LocalDate today) {
        return day.getYear() == today.getYear() ? SHORT.format(day) : LONG.format(day);
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    public static String and(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    public static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** Days as people say them: {@code 1 day}, {@code 12 days}. */
    public static String days(long n) {
        return plural(n, "day", "days");
    }
}
