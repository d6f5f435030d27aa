package dev.threshold.server.demo;

import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.generator.SyntheticPortfolio;
import dev.threshold.engine.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Where the demo's events come from: what happens in a portfolio from a day on, for some days, oldest first and
 * lazily, the same for the same seed; and the contact record of each newcomer an event introduces (a new lead).
 */
interface Activity {
    Stream<Event> activity(SyntheticPortfolio portfolio, long seed, LocalDate from, int days);

    Optional<Contact> newcomer(SyntheticPortfolio portfolio, Event event);

    /**
     * The portfolio's own recent history replayed forward: the 90 days before the day it is seen from (when its
     * leads, tours and work orders happened) happen again from {@code from} on, window after window, each event
     * moved by whole days and given a new id. A stand-in until the portfolio's own activity generator is there.
     */
    static Activity replayedHistory() {
        return new Activity() {
            @Override
            public Stream<Event> activity(SyntheticPortfolio portfolio, long seed, LocalDate from, int days) {
                int window = 90;
                Instant seen = portfolio.today().atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant since = seen.minus(Duration.ofDays(window));
                Instant until = from.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
                return IntStream.range(0, (days + window - 1) / window)
                        .mapToObj(k -> from.plusDays((long) k * window))
                        .flatMap(start -> {
                            Duration shift = Duration.between(
                                    since, start.atStartOfDay(ZoneOffset.UTC).toInstant());
                            return portfolio
                                    .timeline(since, seen)
                                    .map(e -> new Event(
                                            e.id() + "@" + start,
                                            e.type(),
                                            e.occurredAt().plus(shift),
                                            e.contact(),
                                            e.community(),
                                            e.subject(),
                                            e.data(),
                                            e.journey()));
                        })
                        .filter(e -> e.occurredAt().isBefore(until));
            }

            @Override
            public Optional<Contact> newcomer(SyntheticPortfolio portfolio, Event event) {
                return Optional.empty(); // everyone in its history is in the portfolio
            }
        };
    }
}
