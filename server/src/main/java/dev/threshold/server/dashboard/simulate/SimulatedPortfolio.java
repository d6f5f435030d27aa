package dev.threshold.server.dashboard.simulate;

import dev.threshold.domain.generator.SyntheticPortfolio;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.event.Event;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The people and places a simulation runs over, in memory: the tenant's own (read from the store) or a synthetic
 * portfolio's. Nothing here is written back.
 *
 * @param source what it is, as the page says it ("your property data: …", "a synthetic portfolio: …")
 * @param synthetic the generated portfolio, when it is one (for a generator of its future activity)
 * @param communities every community, so actions that look across the portfolio see them all
 * @param contacts the people simulated (those of the chosen community, or all), at most the page's limit
 * @param parties the parties of things: subject type → subject id → contact id → role
 * @param records fresh property records for each run (actions read them; a run changes its own copy)
 * @param history past events of these people, oldest first: what plans dated entries into the period
 */
public record SimulatedPortfolio(
        String source,
        Optional<SyntheticPortfolio> synthetic,
        List<CommunityView> communities,
        List<ContactView> contacts,
        Map<String, Map<String, Map<String, String>>> parties,
        Supplier<InMemoryPropertyStore> records,
        List<Event> history) {

    public SimulatedPortfolio {
        communities = List.copyOf(communities);
        contacts = List.copyOf(contacts);
        parties = Map.copyOf(parties);
        history = List.copyOf(history);
    }
}
