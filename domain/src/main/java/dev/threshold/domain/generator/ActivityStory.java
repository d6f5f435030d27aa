package dev.threshold.domain.generator;

import dev.threshold.domain.contact.Contact;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.sim.Scenario;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A synthetic portfolio's coming days as a story's inputs, the way a property-management system would deliver them:
 * the record of a person the portfolio did not hold (a new lead) arrives just before the event that introduces
 * them, and a person's record changes just before the event it follows from — the lease signer becomes a resident,
 * the one who moved out a former resident — so journeys hear the event about the person as they now are.
 *
 * <pre>{@code
 * ActivityStory story = new ActivityStory(portfolio, community -> zones.get(community));
 * story.inputs(seed, from, 365).forEach(inputs::add);
 * }</pre>
 */
public final class ActivityStory {
    private final SyntheticPortfolio portfolio;
    private final Function<Optional<String>, ZoneId> zoneOf;
    private final Map<String, ContactView> known = new HashMap<>();
    private int line;

    /**
     * @param zoneOf a person's timezone when their record has none: their community's
     */
    public ActivityStory(SyntheticPortfolio portfolio, Function<Optional<String>, ZoneId> zoneOf) {
        this.portfolio = portfolio;
        this.zoneOf = zoneOf;
    }

    /** The portfolio's people as they are at {@code at}: the story's cast at its start. */
    public Stream<ContactView> cast(Instant at) {
        return portfolio.changes().contacts().stream().map(c -> remember(c, at));
    }

    /**
     * The events of {@code days} days from {@code from}, each after the record changes it implies, oldest first,
     * made as they are read. Call {@link #cast} first so the portfolio's people are known.
     */
    public Stream<Scenario.Timed> inputs(long seed, LocalDate from, int days) {
        return ActivityGenerator.activity(portfolio, seed, from, days).flatMap(this::inputs);
    }

    private Stream<Scenario.Timed> inputs(Event e) {
        Instant at = e.occurredAt();
        Stream.Builder<Scenario.Timed> out = Stream.builder();
        ActivityGenerator.newcomer(portfolio, e)
                .ifPresent(c -> out.add(new Scenario.TimedContact(at, remember(c, at), ++line)));
        String who = e.contact().orElse("");
        ContactView before = known.get(who);
        Optional<Set<String>> roles = switch (e.type()) {
            case "lease.signed" ->
                "new".equals(e.data().get("kind"))
                        ? Optional.of(replace(before, Set.of("prospect", "applicant"), "resident"))
                        : Optional.empty();
            case "moveout.completed" -> Optional.of(replace(before, Set.of("resident"), "former-resident"));
            default -> Optional.empty();
        };
        if (roles.isPresent() && before != null && !roles.get().equals(before.roles())) {
            ContactView changed = before.withRoles(roles.get());
            known.put(who, changed);
            out.add(new Scenario.TimedContact(at, changed, ++line));
        }
        out.add(new Scenario.TimedEvent(at, e, ++line));
        return out.build();
    }

    private ContactView remember(Contact c, Instant at) {
        ContactView v = c.view(at, zoneOf.apply(c.community()));
        known.put(v.id(), v);
        return v;
    }

    private static Set<String> replace(ContactView c, Set<String> old, String role) {
        Set<String> roles = new LinkedHashSet<>(c == null ? Set.of() : c.roles());
        roles.removeAll(old);
        roles.add(role);
        return roles;
    }
}
