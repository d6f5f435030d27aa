package dev.threshold.engine.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A community's office hours and holidays in its timezone, for spans counted in business time
 * ("escalate after 4 business hours", "2 business days before move-in").
 *
 * <p>Each day has at most one open interval; a day without one (or a holiday) is closed.
 */
public record BusinessCalendar(ZoneId zone, Map<DayOfWeek, Hours> week, Set<LocalDate> holidays) {

    /** One day's opening interval, {@code open} inclusive and {@code close} exclusive. */
    public record Hours(LocalTime open, LocalTime close) {
        public Hours {
            if (!open.isBefore(close)) {
                throw new IllegalArgumentException("office hours must open before they close: " + open + "-" + close);
            }
        }

        /** Parses {@code 09:00-18:00}. */
        public static Hours parse(String text) {
            String[] parts = text.trim().split("\\s*-\\s*");
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + text + "' is not office hours; expected HH:MM-HH:MM");
            }
            return new Hours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
        }
    }

    private static final int MAX_DAYS_SEARCHED = 3_660;

    public BusinessCalendar {
        week = Map.copyOf(week);
        holidays = Set.copyOf(holidays);
        if (week.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs at least one open day");
        }
    }

    /** Monday to Friday, 09:00 to 18:00, no holidays: the default when a community says nothing. */
    public static BusinessCalendar standard(ZoneId zone) {
        Map<DayOfWeek, Hours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(d, new Hours(LocalTime.of(9, 0), LocalTime.of(18, 0)));
        }
        return new BusinessCalendar(zone, week, Set.of());
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        Hours h = hoursOn(local.toLocalDate());
        if (h == null) {
            return false;
        }
        LocalTime t = local.toLocalTime();
        return !t.isBefore(h.open()) && t.isBefore(h.close());
    }

    private Hours hoursOn(LocalDate day) {
        return holidays.contains(day) ? null : week.get(day.getDayOfWeek());
    }

    /** Adds (or, when negative, subtracts) office time: the clock only runs while the office is open. */
    public Instant plusBusinessTime(Instant from, Duration amount) {
        return amount.isNegative() ? backward(from, amount.negated()) : forward(from, amount);
    }

    private Instant forward(Instant from, Duration remaining) {
        LocalDateTime cursor = LocalDateTime.ofInstant(from, zone);
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++) {
            Hours h = hoursOn(cursor.toLocalDate());
            if (h != null && cursor.toLocalTime().isBefore(h.close())) {
                LocalDateTime start = cursor.toLocalTime().isBefore(h.open())
                        ? cursor.toLocalDate().atTime(h.open())
                        : cursor;
                LocalDateTime end = cursor.toLocalDate().atTime(h.close());
                Duration available = Duration.between(start, end);
                if (remaining.compareTo(available) <= 0) {
                    return start.plus(remaining).atZone(zone).toInstant();
                }
                remaining = remaining.minus(available);
            }
            cursor = cursor.toLocalDate().plusDays(1).atStartOfDay();
        }
        throw new IllegalStateException("no office hours within ten years of " + from);
    }

    private Instant backward(Instant from, Duration remaining) {
        LocalDateTime cursor = LocalDateTime.ofInstant(from, zone);
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++) {
            Hours h = hoursOn(cursor.toLocalDate());
            if (h != null && cursor.toLocalTime().isAfter(h.open())) {
                LocalDateTime end = cursor.toLocalTime().isAfter(h.close())
                        ? cursor.toLocalDate().atTime(h.close())
                        : cursor;
                LocalDateTime start = cursor.toLocalDate().atTime(h.open());
                Duration available = Duration.between(start, end);
                if (remaining.compareTo(available) <= 0) {
                    return end.minus(remaining).atZone(zone).toInstant();
                }
                remaining = remaining.minus(available);
            }
            cursor = cursor.toLocalDate().minusDays(1).atTime(LocalTime.MAX);
        }
        throw new IllegalStateException("no office hours within ten years before " + from);
    }

    /**
     * Moves by whole business days: the same local time on the n-th working day after (or before)
     * {@code from}, skipping closed days and holidays.
     */
    public Instant plusBusinessDays(Instant from, long days) {
        ZonedDateTime local = from.atZone(zone);
        LocalDate day = local.toLocalDate();
        long step = days < 0 ? -1 : 1;
        long left = Math.abs(days);
        int guard = 0;
        while (left > 0) {
            day = day.plusDays(step);
            if (hoursOn(day) != null) {
                left--;
            }
            if (++guard > MAX_DAYS_SEARCHED) {
                throw new IllegalStateException("no working days within ten years of " + from);
            }
        }
        return day.atTime(local.toLocalTime()).atZone(zone).toInstant();
    }
}
