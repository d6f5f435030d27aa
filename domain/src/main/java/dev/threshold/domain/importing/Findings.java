package dev.threshold.domain.importing;

import dev.threshold.domain.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The problems found in one import file, and readers of values (amounts, dates, counts) that add a
 * problem where a value is wrong instead of stopping, so that one run reports everything.
 */
public final class Findings {
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy");

    private final String file;
    private final List<ImportProblem> problems = new ArrayList<>();

    public Findings(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void add(int line, int column, String where, String message) {
        problems.add(new ImportProblem(file, line, column, where, message));
    }

    public void add(XmlTree.Element at, String where, String message) {
        add(at.line(), at.column(), where, message);
    }

    public boolean any() {
        return !problems.isEmpty();
    }

    public List<ImportProblem> problems() {
        return List.copyOf(problems);
    }

    /** Throws when anything was found, so nothing of a broken file is ever written. */
    public void throwIfAny() throws ImportFailed {
        if (any()) {
            throw new ImportFailed(problems);
        }
    }

    /** Reads an amount such as {@code 1465}, {@code 1,465.00} or {@code $1465}. */
    public Optional<Money> money(String text, int line, int column, String where) {
        try {
            Money m = Money.parse(text);
            if (m.isNegative()) {
                add(line, column, where, "'" + text + "' is negative; expected an amount of dollars");
                return Optional.empty();
            }
            return Optional.of(m);
        } catch (IllegalArgumentException e) {
            add(line, column, where, "'" + text + "' is not an amount of dollars, such as 1465 or 1465.50");
            return Optional.empty();
        }
    }

    /** Reads a date as {@code 2027-04-01}, {@code 2027-04-01T00:00:00} or {@code 4/1/2027}. */
    public Optional<LocalDate> date(String text, int line, int column, String where) {
        String t = text.strip();
        try {
            if (t.contains("/")) {
                return Optional.of(LocalDate.parse(t, US_DATE));
            }
            return Optional.of(
                    t.length() > 10 ? LocalDateTime.parse(t.substring(0, 19)).toLocalDate() : LocalDate.parse(t));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            add(line, column, where, "'" + text + "' is not a date; expected YYYY-MM-DD or M/D/YYYY");
            return Optional.empty();
        }
    }

    /** Reads a moment with an offset, or a local date-time taken in {@code zone}. */
    public Optional<java.time.Instant> moment(String text, java.time.ZoneId zone, int line, int column, String where) {
        String t = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(t).atZone(zone).toInstant());
            } catch (DateTimeParseException e2) {
                try {
                    return Optional.of(LocalDate.parse(t).atStartOfDay(zone).toInstant());
                } catch (DateTimeParseException e3) {
                    add(
                            line,
                            column,
                            where,
                            "'" + text + "' is not a date-time; expected 2027-03-01T10:15:00"
                                    + " (with or without an offset)");
                    return Optional.empty();
                }
            }
        }
    }

    public OptionalInt count(String text, int line, int column, String where) {
        try {
            BigDecimal d = new BigDecimal(text.strip());
            int n = d.intValueExact();
            if (n < 0) {
                throw new ArithmeticException();
            }
            return OptionalInt.of(n);
        } catch (NumberFormatException | ArithmeticException e) {
            add(line, column, where, "'" + text + "' is not a whole number of zero or more");
            return OptionalInt.empty();
        }
    }

    public Optional<Double> number(String text, int line, int column, String where) {
        try {
            return Optional.of(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            add(line, column, where, "'" + text + "' is not a number");
            return Optional.empty();
        }
    }
}
