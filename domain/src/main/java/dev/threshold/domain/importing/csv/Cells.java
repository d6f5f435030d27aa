package dev.threshold.domain.importing.csv;

import dev.threshold.domain.importing.Findings;
import dev.threshold.domain.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Reads the cells of a CSV file with types, adding a problem (line, column name) for each one that is wrong. */
final class Cells {
    private final CsvFile csv;
    private final Findings findings;

    Cells(CsvFile csv, Findings findings) {
        this.csv = csv;
        this.findings = findings;
    }

    void problem(CsvFile.Row row, String column, String message) {
        findings.add(row.line(), column.isEmpty() ? 0 : csv.column(column), column, message);
    }

    Optional<String> text(CsvFile.Row row, String column) {
        return row.has(column) ? Optional.of(row.get(column)) : Optional.empty();
    }

    String required(CsvFile.Row row, String column) {
        if (!row.has(column)) {
            problem(row, column, "is empty; a value is required");
        }
        return row.get(column);
    }

    Optional<Money> money(CsvFile.Row row, String column) {
        return text(row, column).flatMap(t -> findings.money(t, row.line(), csv.column(column), column));
    }

    Optional<LocalDate> date(CsvFile.Row row, String column) {
        return text(row, column).flatMap(t -> findings.date(t, row.line(), csv.column(column), column));
    }

    Optional<Instant> moment(CsvFile.Row row, String column, ZoneId zone) {
        return text(row, column).flatMap(t -> findings.moment(t, zone, row.line(), csv.column(column), column));
    }

    OptionalInt count(CsvFile.Row row, String column) {
        return text(row, column)
                .map(t -> findings.count(t, row.line(), csv.column(column), column))
                .orElse(OptionalInt.empty());
    }

    Optional<Double> number(CsvFile.Row row, String column) {
        return text(row, column).flatMap(t -> findings.number(t, row.line(), csv.column(column), column));
    }

    Optional<Boolean> flag(CsvFile.Row row, String column) {
        return text(row, column).flatMap(t -> switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> Optional.of(true);
            case "false", "no", "n", "0" -> Optional.of(false);
            default -> {
                problem(row, column, "'" + t + "' is not yes/no or true/false");
                yield Optional.empty();
            }
        });
    }

    /** Words separated by {@code ;} or {@code |}: {@code balcony;washer-dryer}. */
    Set<String> words(CsvFile.Row row, String column) {
        Set<String> out = new TreeSet<>();
        text(row, column)
                .ifPresent(t -> Arrays.stream(t.split("[;|]"))
                        .map(w -> w.strip().toLowerCase(Locale.ROOT).replace(' ', '-'))
                        .filter(w -> !w.isEmpty())
                        .forEach(out::add));
        return out;
    }

    /** A value of a closed set, with the allowed values in the problem when it is not one. */
    <T> Optional<T> oneOf(CsvFile.Row row, String column, Function<String, Optional<T>> parse, String allowed) {
        if (!row.has(column)) {
            return Optional.empty();
        }
        Optional<T> v = parse.apply(row.get(column));
        if (v.isEmpty()) {
            problem(row, column, "'" + row.get(column) + "' is not one of " + allowed);
        }
        return v;
    }
}
