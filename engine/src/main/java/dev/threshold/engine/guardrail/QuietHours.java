package dev.threshold.engine.guardrail;

import dev.threshold.engine.journey.Purpose;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a text may reach a person, in their local time. The federal window (47 CFR 64.1200(c)(1), the TCPA
 * rule for telephone solicitations) is 08:00 to 21:00; some states are stricter, and a community may
 * narrow the window further. A text due outside the window is deferred to its next opening, never
 * dropped and never sent at night. The hours apply to every text (a tour confirmation at 3 a.m. is no
 * kinder than an offer); the days a state closes to solicitation apply to marketing.
 *
 * <p>State windows, from the statutes as checked in 2025 (check them with counsel before relying on them):
 * <ul>
 *   <li>Florida, 08:00-20:00: Fla. Stat. 501.616(6)(a), as amended by SB 1120 (2021).</li>
 *   <li>Maryland, 08:00-20:00: Md. Code, Com. Law, Title 14, Subtitle 45 (Stop the Spam Calls Act of 2023,
 *       SB 90, in force 2024-01-01).</li>
 *   <li>Mississippi, 08:00-20:00 and no solicitation on Sundays: Miss. Code 77-3-723(1) (Mississippi
 *       Telephone Solicitation Act; text messages are covered since SB 2821, 2019).</li>
 *   <li>New Jersey, 08:00-20:00 by our choice: the statute, N.J.S.A. 56:8-128(d), allows 08:00-21:00; the
 *       narrower window is what the catalogue asks for.</li>
 *   <li>Oklahoma, 08:00-20:00: Okla. Stat. tit. 15, 775C.4 (Telephone Solicitation Act of 2022).</li>
 *   <li>Connecticut, 09:00-20:00: Conn. Gen. Stat. 42-288a, as amended by Public Act 23-98 (2023).</li>
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

        /** Parses {@code 08:00-20:00}; a clear error names the text and what was expected. */
        public static Window parse(String text) {
            String[] parts = text.trim().split("\\s*-\\s*");
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + text + "' is not a window; expected HH:MM-HH:MM");
            }
            try {
                return new Window(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not a window; expected HH:MM-HH:MM on a 24-hour clock", e);
            }
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

    /** Days on which a state allows no solicitation at all. */
    private static final Map<String, Set<DayOfWeek>> CLOSED_TO_MARKETING = Map.of("MS", Set.of(DayOfWeek.SUNDAY));

    private QuietHours() {}

    /**
     * The window on a given day for a text of a purpose to a recipient in a state, narrowed by a community's own
     * window; empty when no text of that purpose may go out that day.
     */
    public static Optional<Window> windowOn(
            LocalDate day, Optional<String> state, Optional<Window> community, Purpose purpose) {
        String st = state.map(s -> s.toUpperCase(Locale.ROOT)).orElse("");
        if (purpose == Purpose.MARKETING
                && CLOSED_TO_MARKETING.getOrDefault(st, Set.of()).contains(day.getDayOfWeek())) {
            return Optional.empty();
        }
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

    /** Whether a text of this purpose may go out at this moment. */
    public static boolean allows(
            Instant at, ZoneId zone, Optional<String> state, Optional<Window> community, Purpose purpose) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        return windowOn(local.toLocalDate(), state, community, purpose)
                .map(w -> !local.toLocalTime().isBefore(w.from())
                        && local.toLocalTime().isBefore(w.until()))
                .orElse(false);
    }

    /** The first moment at or after {@code at} when a text of this purpose may go out. */
    public static Instant nextAllowed(
            Instant at, ZoneId zone, Optional<String> state, Optional<Window> community, Purpose purpose) {
        if (allows(at, zone, state, community, purpose)) {
            return at;
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        for (int d = 0; d < 8; d++) {
            LocalDate day = local.toLocalDate().plusDays(d);
            Optional<Window> w = windowOn(day, state, community, purpose);
            if (w.isEmpty()) {
                continue;
            }
            // an opening in a DST gap moves forward with the clocks: the first moment that exists locally
            ZonedDateTime opening = day.atTime(w.get().from()).atZone(zone);
            if (!opening.toInstant().isBefore(at)) {
                return opening.toInstant();
            }
        }
        throw new IllegalStateException("no sending window within a week for state " + state.orElse("-")
                + ", community window " + community.map(Object::toString).orElse("-"));
    }
}
