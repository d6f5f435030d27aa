package dev.threshold.server.demo;

import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.generator.SyntheticPortfolio;
import dev.threshold.engine.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the demo's events come from: what happens in a portfolio from a day on, for some days, oldest first and
 * lazily, the same for the same seed; and the contact record of each newcomer an event introduces (a new lead).
 */
interface Activity {
    Stream<Event> activity(SyntheticPortfolio portfolio, long seed, LocalDate from, int days);

    Optional<Contact> newcomer(SyntheticPortfolio portfolio, Event event);

    /**
     * The portfolio's own history replayed forward: what happened in the {@code days} before the day it is seen
     * from happens again from {@code from} on, each event moved by the same number of days.
     */
    static Activity replayedHistory() {
        return new Activity() {
            @Override
            public Stream<Event> activity(SyntheticPortfolio portfolio, long seed, LocalDate from, int days) {
                Instant seen = portfolio.today().atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant since = seen.minus(Duration.ofDays(days));
                Duration shift = Duration.between(
                        since, from.atStartOfDay(ZoneOffset.UTC).toInstant());
                return portfolio
                        .timeline(since, seen)
                        .map(e -> new Event(
                                e.id() + "@" + from,
                                e.type(),
                                e.occurredAt().plus(shift),
                                e.contact(),
                                e.community(),
                                e.subject(),
                                e.data(),
                                e.journey()));
            }

            @Override
            public Optional<Contact> newcomer(SyntheticPortfolio portfolio, Event event) {
                return Optional.empty(); // everyone in its history is in the portfolio
            }
        };
    }
}
