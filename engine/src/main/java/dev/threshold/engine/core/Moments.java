package dev.threshold.engine.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Turning dates from data and local times of day into instants. */
final class Moments {
    /** When a date without a time of day is meant, and the journey does not say: 09:00 local. */
    static final LocalTime DEFAULT_TIME_OF_DAY = LocalTime.of(9, 0);

    private Moments() {}

    /** A date or date-time from data: an Instant, or text such as 2027-06-30 or 2027-06-30T15:00:00-06:00. */
    sealed interface When {
        record Day(LocalDate date) implements When {}

        record At(Instant instant) implements When {}
    }

    static Optional<When> parse(Object value) {
        if (value instanceof Instant i) {
            return Optional.of(new When.At(i));
        }
        if (!(value instanceof String s)) {
            return Optional.empty();
        }
        try {
            if (s.length() == 10) {
                return Optional.of(new When.Day(LocalDate.parse(s)));
            }
            return Optional.of(new When.At(OffsetDateTime.parse(s).toInstant()));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(new When.At(Instant.parse(s)));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /** The instant a date stands for: a day at the given (or default) local time; a date-time as it is. */
    static Instant base(When when, ZoneId zone, Optional<LocalTime> at) {
        return switch (when) {
            case When.Day d ->
                d.date().atTime(at.orElse(DEFAULT_TIME_OF_DAY)).atZone(zone).toInstant();
            case When.At a -> a.instant();
        };
    }

    /** The first moment at or after {@code due} whose local time is {@code at}. */
    static Instant atOrAfter(Instant due, ZoneId zone, LocalTime at) {
        ZonedDateTime local = due.atZone(zone);
        ZonedDateTime candidate = local.toLocalDate().atTime(at).atZone(zone);
        if (candidate.toInstant().isBefore(due)) {
            candidate = local.toLocalDate().plusDays(1).atTime(at).atZone(zone);
        }
        return candidate.toInstant();
    }
}
