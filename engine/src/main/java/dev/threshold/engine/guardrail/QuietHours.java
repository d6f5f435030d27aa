package dev.threshold.engine.guardrail;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When a text may reach a person, in their local time. The federal window (47 CFR 64.1200(c)(1), the TCPA
 * rule for telephone solicitations) is 08:00 to 21:00; some states are stricter, and a community may
 * narrow the window further. A text due outside the window is deferred to its next opening, never
 * dropped and never sent at night.
 *
 * <p>State windows, from the statutes as of 2025 (check them with counsel before relying on them):
 * <ul>
 *   <li>Florida, 08:00-20:00: Fla. Stat. 501.059(8)(a) (Florida Telephone Solicitation Act, 2021).</li>
 *   <li>Maryland, 08:00-20:00: Md. Com. Law 14-4503 (Stop the Spam Calls Act, 2023).</li>
 *   <li>Mississippi, 08:00-20:00: Miss. Code 77-3-725.</li>
 *   <li>New Jersey, 08:00-20:00: N.J. Admin. Code 13:45D-4.1 as the catalogue requires (the statute says 21:00).</li>
 *   <li>Oklahoma, 08:00-20:00: Okla. Stat. tit. 15, 775C.4 (Telephone Solicitation Act, 2022).</li>
 *   <li>Connecticut, 09:00-20:00: Conn. Gen. Stat. 42-288a(c) (2023).</li>
 *   <li>Texas, 09:00-21:00, Sundays 12:00-21:00: Tex. Bus. &amp; Com. Code 301.051.</li>
 * </ul>
 */
public final class QuietHours {

    /** The hours of one day when texts may go out; {@code from} inclusive, {@code until} exclusive. */
    public record Window(LocalTime from, LocalTime until) {
        public Window {
            if (!from.isBefore(until)) {
                throw new IllegalArgumentException("a window must open before it closes: " + from + "-" + until);
            }
        }

        /** Parses {@code 08:00-20:00}. */
        public static Window parse(String text) {
            String[] parts = text.trim().split("\\s*-\\s*");
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + text + "' is not a window; expected HH:MM-HH:MM");
            }
            return new Window(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
        }

        /** The part both windows allow. */
        Optional<Window> intersect(Window other) {
            LocalTime f = from.isAfter(other.from) ? from : other.from;
            LocalTime u = until.isBefore(other.until) ? until : other.until;
            return f.isBefore(u) ? Optional.of(new Window(f, u)) : Optional.empty();
        }
    }

    /** The federal window. */
    public static final Window FEDERAL = new Window(LocalTime.of(8, 0), LocalTime.of(21, 0));

    private static final Window EIGHT_TO_EIGHT = new Window(LocalTime.of(8, 0), LocalTime.of(20, 0));
    private static final Map<String, Window> STATES = Map.of(
            "FL", EIGHT_TO_EIGHT,
            "MD", EIGHT_TO_EIGHT,
            "MS", EIGHT_TO_EIGHT,
            "NJ", EIGHT_TO_EIGHT,
            "OK", EIGHT_TO_EIGHT,
            "CT", new Window(LocalTime.of(9, 0), LocalTime.of(20, 0)),
            "TX", new Window(LocalTime.of(9, 0), LocalTime.of(21, 0)));
    private static final Window TEXAS_SUNDAY = new Window(LocalTime.of(12, 0), LocalTime.of(21, 0));

    private QuietHours() {}

    /** The window on a given day for a recipient in a state, narrowed by a community's own window. */
    public static Optional<Window> windowOn(LocalDate day, Optional<String> state, Optional<Window> community) {
        String st = state.map(s -> s.toUpperCase(Locale.ROOT)).orElse("");
        Window w = STATES.getOrDefault(st, FEDERAL);
        if (st.equals("TX") && day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            w = TEXAS_SUNDAY;
        }
        Optional<Window> narrowed = Optional.of(w);
        if (community.isPresent()) {
            narrowed = w.intersect(community.get());
        }
        return narrowed.flatMap(x -> x.intersect(FEDERAL));
    }

    /** Whether a text may go out at this moment. */
    public static boolean allows(Instant at, ZoneId zone, Optional<String> state, Optional<Window> community) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        return windowOn(local.toLocalDate(), state, community)
                .map(w -> !local.toLocalTime().isBefore(w.from())
                        && local.toLocalTime().isBefore(w.until()))
                .orElse(false);
    }

    /** The first moment at or after {@code at} when a text may go out. */
    public static Instant nextAllowed(Instant at, ZoneId zone, Optional<String> state, Optional<Window> community) {
        if (allows(at, zone, state, community)) {
            return at;
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        for (int d = 0; d < 8; d++) {
            LocalDate day = local.toLocalDate().plusDays(d);
            Optional<Window> w = windowOn(day, state, community);
            if (w.isEmpty()) {
                continue;
            }
            ZonedDateTime opening = day.atTime(w.get().from()).atZone(zone);
            if (!opening.toInstant().isBefore(at)) {
                return opening.toInstant();
            }
        }
        throw new IllegalStateException("no sending window within a week for " + state + " " + community);
    }
}
