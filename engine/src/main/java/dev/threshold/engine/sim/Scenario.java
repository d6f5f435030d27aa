package dev.threshold.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Input;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.journey.Overrides;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A story for the simulator: when it starts and ends, the communities and people in it, timed events and
 * commands, and what should come of them. Read from YAML by {@link ScenarioLoader}; see docs/scenarios.md.
 *
 * @param journeys when present, only these journeys are switched on
 * @param settings setting overrides per journey id
 * @param parties the parties of things: subject type → subject id → contact id → role
 * @param data property data for domain extensions (units, policies), as written
 * @param overrides the story's journey overrides (tenant, portfolio, community layers)
 */
public record Scenario(
        String name,
        String file,
        Instant start,
        Instant runUntil,
        Optional<Set<String>> journeys,
        Map<String, Map<String, Object>> settings,
        List<CommunityView> communities,
        List<ContactView> contacts,
        Map<String, Map<String, Map<String, String>>> parties,
        JsonNode data,
        List<Timed> inputs,
        List<Expectation> expectations,
        Overrides overrides) {

    public Scenario {
        settings = Map.copyOf(settings);
        communities = List.copyOf(communities);
        contacts = List.copyOf(contacts);
        parties = Map.copyOf(parties);
        inputs = List.copyOf(inputs);
        expectations = List.copyOf(expectations);
    }

    /** Something that happens at a moment of the story. */
    public sealed interface Timed {
        Instant at();

        int line();
    }

    /** An event. */
    public record TimedEvent(Instant at, Event event, int line) implements Timed {}

    /**
     * A person's record as an import brings it: someone the story did not know yet appears (a lead from a
     * listing site), or a known person's record changes (a prospect who signed a lease is now a resident, a
     * resident who moved out a former resident). It replaces what the records said, keeping what only the
     * runtime knows (suppressed channels, journey-written attributes, last activity), as the durable runtime
     * merges an import; at a moment shared with an event it comes first when it is listed first.
     */
    public record TimedContact(Instant at, ContactView contact, int line) implements Timed {}

    /** A person's command on a contact's instance of a journey. */
    public record TimedCommand(
            Instant at, Input.Command.Kind kind, String contact, String journey, String by, String note, int line)
            implements Timed {}

    /**
     * What should be in the output: lines whose fields match ({@code at} and {@code due} as prefixes),
     * whose body contains {@code text}; at least one, exactly {@code count}, or {@code none}.
     */
    public record Expectation(
            Map<String, String> fields, Optional<String> text, boolean none, OptionalInt count, int line) {
        public Expectation {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }
}
