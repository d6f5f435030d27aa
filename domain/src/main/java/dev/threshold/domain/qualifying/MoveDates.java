package dev.threshold.domain.qualifying;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a move-in date as people type it into a form: {@code 2027-04-01}, {@code 04/01}, {@code 4/1/27},
 * {@code April 1st}, {@code 1 April}, {@code early April}, {@code mid-May}, {@code end of June},
 * {@code asap}, {@code next month}, {@code in 3 weeks}. A date without a year is the next such date from
 * today; a part of a month is its 5th (early), 15th (mid) or 25th (late).
 */
final class MoveDates {
    static final String MONTH_NAMES =
            "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
                    + "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");
    private static final Pattern NUMERIC = Pattern.compile("\\b(\\d{1,2})/(\\d{1,2})(?:/(\\d{2}|\\d{4}))?\\b");
    private static final Pattern MONTH_DAY =
            Pattern.compile("\\b(" + MONTH_NAMES + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s*(\\d{4}))?");
    private static final Pattern DAY_MONTH =
            Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(" + MONTH_NAMES + ")\\b(?:,?\\s*(\\d{4}))?");
    private static final Pattern PART_OF_MONTH =
            Pattern.compile("\\b(early|beginning of|start of|first of|mid|middle of|late|end of)[\\s-]+(?:the\\s+)?("
                    + MONTH_NAMES + ")\\b(?:,?\\s*(\\d{4}))?");
    private static final Pattern MONTH = Pattern.compile("\\b(" + MONTH_NAMES + ")\\b(?:,?\\s*(\\d{4}))?");
    private static final Pattern NOW =
            Pattern.compile("\\b(asap|a\\.s\\.a\\.p|as soon as possible|immediately|right away|now|today)\\b");
    private static final Pattern RELATIVE =
            Pattern.compile("\\bin\\s+(a|an|one|two|three|four|five|six|\\d{1,2})\\s+" + "(week|month)s?\\b");
    private static final Pattern MONTH_CONTEXT =
            Pattern.compile("\\b(in|by|around|from|after|before|of|early|mid|late|move|moving)\\s*-?\\s*$");
    private static final Pattern NEXT_MONTH = Pattern.compile("\\bnext month\\b");

    /** A move date and how a message should say it. */
    record MoveDate(LocalDate date, String text) {}

    private MoveDates() {}

    /**
     * The date a text means, seen from today; empty when it names none ("flexible", "not sure") or one already
     * past (a typo, or a date we were told long ago), which is then asked again.
     */
    static Optional<MoveDate> read(String typed, LocalDate today) {
        return interpret(typed.strip().toLowerCase(Locale.ROOT), today)
                .filter(d -> !d.date().isBefore(today));
    }

    private static Optional<MoveDate> interpret(String t, LocalDate today) {
        Matcher m = ISO.matcher(t);
        if (m.find()) {
            return exact(num(m.group(1)), num(m.group(2)), num(m.group(3)));
        }
        m = PART_OF_MONTH.matcher(t);
        if (m.find()) {
            Month month = month(m.group(2));
            int day = switch (m.group(1)) {
                case "mid", "middle of" -> 15;
                case "late", "end of" -> 25;
                default -> 5;
            };
            String part = switch (day) {
                case 15 -> "mid-";
                case 25 -> "late ";
                default -> "early ";
            };
            return dated(m.group(3), month, day, today)
                    .map(d -> new MoveDate(d, part + monthName(d) + " " + d.getYear()));
        }
        m = MONTH_DAY.matcher(t);
        if (m.find()) {
            return dated(m.group(3), month(m.group(1)), num(m.group(2)), today).map(MoveDates::onDay);
        }
        m = DAY_MONTH.matcher(t);
        if (m.find()) {
            return dated(m.group(3), month(m.group(2)), num(m.group(1)), today).map(MoveDates::onDay);
        }
        m = NUMERIC.matcher(t);
        if (m.find()) {
            int month = num(m.group(1));
            if (month < 1 || month > 12) {
                return Optional.empty();
            }
            return dated(m.group(3), Month.of(month), num(m.group(2)), today).map(MoveDates::onDay);
        }
        if (NOW.matcher(t).find()) {
            return Optional.of(new MoveDate(today, "as soon as possible"));
        }
        if (NEXT_MONTH.matcher(t).find()) {
            return Optional.of(onDay(today.plusMonths(1).withDayOfMonth(1)));
        }
        m = RELATIVE.matcher(t);
        if (m.find()) {
            int n = count(m.group(1));
            LocalDate d = m.group(2).equals("week") ? today.plusWeeks(n) : today.plusMonths(n);
            return Optional.of(onDay(d));
        }
        m = MONTH.matcher(t);
        while (m.find()) {
            if (m.group(1).equals("may")
                    && !t.equals(m.group())
                    && !MONTH_CONTEXT.matcher(t.substring(0, m.start())).find()) {
                continue; // "we may have a cat" is not a move in May
            }
            return dated(m.group(2), month(m.group(1)), 1, today)
                    .map(d -> new MoveDate(d, monthName(d) + " " + d.getYear()));
        }
        return Optional.empty();
    }

    private static MoveDate onDay(LocalDate d) {
        return new MoveDate(d, monthName(d) + " " + d.getDayOfMonth() + ", " + d.getYear());
    }

    private static Optional<MoveDate> exact(int year, int month, int day) {
        try {
            return Optional.of(onDay(LocalDate.of(year, month, day)));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The date in the given year, else the next one from today (a month already past is next year's). */
    private static Optional<LocalDate> dated(String year, Month month, int day, LocalDate today) {
        try {
            if (year != null) {
                int y = num(year);
                return Optional.of(LocalDate.of(y < 100 ? 2000 + y : y, month, day));
            }
            LocalDate candidate = LocalDate.of(today.getYear(), month, Math.min(day, month.maxLength()));
            if (candidate.getMonthValue() < today.getMonthValue()) {
                candidate = candidate.plusYears(1);
            }
            return Optional.of(
                    candidate.isBefore(today) && candidate.getMonth() == today.getMonth() ? today : candidate);
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Month month(String name) {
        String three = name.substring(0, 3);
        for (Month m : Month.values()) {
            if (m.getDisplayName(TextStyle.SHORT, Locale.US)
                    .toLowerCase(Locale.ROOT)
                    .equals(three)) {
                return m;
            }
        }
        throw new IllegalArgumentException("not a month: " + name);
    }

    private static String monthName(LocalDate d) {
        return d.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
    }

    private static int count(String word) {
        return switch (word) {
            case "a", "an", "one" -> 1;
            case "two" -> 2;
            case "three" -> 3;
            case "four" -> 4;
            case "five" -> 5;
            case "six" -> 6;
            default -> num(word);
        };
    }

    private static int num(String digits) {
        return Integer.parseInt(digits);
    }
}
