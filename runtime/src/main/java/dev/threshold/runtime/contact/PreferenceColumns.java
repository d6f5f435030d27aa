package dev.threshold.runtime.contact;

import java.util.Map;
import java.util.Optional;

/**
 * The contact preferences kept in indexed columns, so that an audience fan-out is an index lookup, never a
 * scan. A journey filtering on another preference is refused with this list.
 */
public final class PreferenceColumns {
    /** Preference name → column. */
    public static final Map<String, String> COLUMNS =
            Map.of("budget", "pref_budget", "bedrooms", "pref_bedrooms", "move_date", "pref_move_date");

    private PreferenceColumns() {}

    public static Optional<String> column(String preference) {
        return Optional.ofNullable(COLUMNS.get(preference));
    }

    public static boolean numeric(String preference) {
        return !preference.equals("move_date");
    }

    static Optional<Double> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        if (value instanceof String s) {
            try {
                return Optional.of(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
