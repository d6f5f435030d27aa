package dev.threshold.engine.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A length of time as journeys write it: {@code 15m}, {@code 2h}, {@code 3d}, {@code 2w}, {@code -90d},
 * or in business time, {@code 4 business hours}, {@code 2 business days} ({@code 4bh}, {@code 2bd}).
 *
 * <p>Minutes and hours are exact. Days and weeks are calendar days in the zone they are applied in, so
 * "1d" after 10:00 is 10:00 the next day even across a daylight-saving change. Business spans count only
 * the office hours and working days of a {@link BusinessCalendar}.
 *
 * <pre>{@code
 * Span.parse("2 business days").addTo(now, zone, calendar);
 * }</pre>
 */
public record Span(long amount, Unit unit, boolean business) {

    /** The unit a span is counted in. */
    public enum Unit {
        MINUTES,
        HOURS,
        DAYS,
        WEEKS
    }

    private static final Pattern SHORT = Pattern.compile("([+-]?\\d{1,6})\\s*(m|min|h|d|w|bh|bd)");
    private static final Pattern LONG =
            Pattern.compile("([+-]?\\d{1,6})\\s+(business\\s+)?(minutes?|hours?|days?|weeks?)");

    public Span {
        Objects.requireNonNull(unit, "unit");
        if (business && unit != Unit.HOURS && unit != Unit.DAYS) {
            throw new IllegalArgumentException("business time is counted in hours or days");
        }
    }

    /** Parses a span, or returns empty when the text is not one; see the class comment for the forms. */
    public static Optional<Span> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(
                    switch (m.group(2)) {
                        case "m", "min" -> new Span(n, Unit.MINUTES, false);
                        case "h" -> new Span(n, Unit.HOURS, false);
                        case "d" -> new Span(n, Unit.DAYS, false);
                        case "w" -> new Span(n, Unit.WEEKS, false);
                        case "bh" -> new Span(n, Unit.HOURS, true);
                        default -> new Span(n, Unit.DAYS, true);
                    });
        }
        m = LONG.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            boolean business = m.group(2) != null;
            Unit unit = switch (m.group(3).charAt(0)) {
                case 'm' -> Unit.MINUTES;
                case 'h' -> Unit.HOURS;
                case 'd' -> Unit.DAYS;
                default -> Unit.WEEKS;
            };
            if (business && (unit == Unit.MINUTES || unit == Unit.WEEKS)) {
                return Optional.empty();
            }
            return Optional.of(new Span(n, unit, business));
        }
        return Optional.empty();
    }

    /** Parses a span or throws {@link IllegalArgumentException} saying what forms are accepted. */
    public static Span parse(String text) {
        return tryParse(text)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a duration; expected forms"
                        + " like 15m, 2h, 3d, 2w, -90d, '4 business hours' or '2 business days'"));
    }

    public static Span ofDays(long days) {
        return new Span(days, Unit.DAYS, false);
    }

    public static Span ofHours(long hours) {
        return new Span(hours, Unit.HOURS, false);
    }

    public Span negated() {
        return new Span(-amount, unit, business);
    }

    public boolean isNegative() {
        return amount < 0;
    }

    /**
     * The instant this span after (or, when negative, before) {@code from}: calendar days in {@code zone},
     * business time by {@code calendar}.
     */
    public Instant addTo(Instant from, ZoneId zone, BusinessCalendar calendar) {
        if (business) {
            return unit == Unit.HOURS
                    ? calendar.plusBusinessTime(from, Duration.ofHours(amount))
                    : calendar.plusBusinessDays(from, amount);
        }
        return switch (unit) {
            case MINUTES -> from.plus(Duration.ofMinutes(amount));
            case HOURS -> from.plus(Duration.ofHours(amount));
            case DAYS -> from.atZone(zone).plusDays(amount).toInstant();
            case WEEKS -> from.atZone(zone).plusWeeks(amount).toInstant();
        };
    }

    /** An approximate length, for ordering and windows where calendar precision does not matter. */
    public Duration approximate() {
        Duration d = switch (unit) {
            case MINUTES -> Duration.ofMinutes(amount);
            case HOURS -> Duration.ofHours(amount);
            case DAYS -> Duration.ofDays(amount);
            case WEEKS -> Duration.ofDays(7 * amount);
        };
        return business && unit == Unit.DAYS ? d.multipliedBy(7).dividedBy(5) : d;
    }

    @Override
    public String toString() {
        if (business) {
            return amount + (unit == Unit.HOURS ? " business hours" : " business days");
        }
        return amount
                + switch (unit) {
                    case MINUTES -> "m";
                    case HOURS -> "h";
                    case DAYS -> "d";
                    case WEEKS -> "w";
                };
    }
}
