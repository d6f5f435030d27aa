package dev.threshold.server.dashboard.simulate;

import dev.threshold.domain.generator.ActivityStory;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.sim.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What people of a simulated portfolio will do during the period: leads, tours, work orders, payments, renewal
 * decisions, move-outs — with the records an import would write before them (a new lead's contact, a signer who is
 * now a resident). A simulation feeds these in beside the portfolio's past history (whose dates plan renewals,
 * move-ins and anniversaries into the period, and whose silences start the absence triggers).
 */
@FunctionalInterface
public interface FutureActivity {

    /** The inputs of the portfolio between two moments (from inclusive, until exclusive), in time order. */
    Stream<Scenario.Timed> between(SimulatedPortfolio portfolio, Instant from, Instant until);

    /** No future activity: only what the past history plans into the period happens. */
    static FutureActivity none() {
        return (portfolio, from, until) -> Stream.empty();
    }

    /**
     * A synthetic portfolio's generated activity ({@link ActivityStory}), for the people and communities the
     * simulation holds; a tenant's own portfolio has none (its future is not known).
     */
    static FutureActivity generated(long seed) {
        return (portfolio, from, until) -> portfolio
                .synthetic()
                .map(p -> {
                    Map<String, ZoneId> zones = portfolio.communities().stream()
                            .collect(Collectors.toMap(CommunityView::id, CommunityView::timezone, (a, b) -> a));
                    ActivityStory story =
                            new ActivityStory(p, c -> c.map(zones::get).orElse(ZoneOffset.UTC));
                    Set<String> initial = story.cast(from).map(ContactView::id).collect(Collectors.toSet());
                    Set<String> people = new HashSet<>(
                            portfolio.contacts().stream().map(ContactView::id).toList());
                    int days = (int) Duration.between(from, until).toDays() + 1;
                    return story.inputs(seed, LocalDate.ofInstant(from, ZoneOffset.UTC), days)
                            .filter(t -> !t.at().isBefore(from) && t.at().isBefore(until))
                            .filter(t -> switch (t) {
                                // a newcomer of a community the simulation holds joins it; others stay out
                                case Scenario.TimedContact c ->
                                    people.contains(c.contact().id())
                                            || (!initial.contains(c.contact().id())
                                                    && c.contact()
                                                            .community()
                                                            .map(zones::containsKey)
                                                            .orElse(false)
                                                    && people.add(c.contact().id()));
                                case Scenario.TimedEvent e ->
                                    e.event()
                                            .contact()
                                            .map(people::contains)
                                            .orElseGet(() -> e.event()
                                                    .community()
                                                    .map(zones::containsKey)
                                                    .orElse(true));
                                default -> false;
                            });
                })
                .orElseGet(Stream::empty);
    }
}
