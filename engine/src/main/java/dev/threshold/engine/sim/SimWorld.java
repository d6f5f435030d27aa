package dev.threshold.engine.sim;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Context;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.journey.AudienceQuery;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.journey.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The simulator's world: the scenario's people and places, their history, and domain extensions. */
public final class SimWorld implements Context {
    private final Scenario scenario;
    private final Map<String, ContactView> contacts = new LinkedHashMap<>();
    private final Map<String, CommunityView> communities = new LinkedHashMap<>();
    private final Map<String, List<Event>> history = new HashMap<>();
    private final Map<Class<?>, Object> extensions;

    SimWorld(Scenario scenario, JourneyLibrary library, Map<Class<?>, Object> extensions) {
        this.scenario = scenario;
        scenario.contacts().forEach(c -> contacts.put(c.id(), c));
        scenario.communities().forEach(c -> communities.put(c.id(), c));
        this.extensions = Map.copyOf(extensions);
    }

    @Override
    public Optional<ContactView> contact(String id) {
        return Optional.ofNullable(contacts.get(id));
    }

    @Override
    public Optional<CommunityView> community(String id) {
        return Optional.ofNullable(communities.get(id));
    }

    @Override
    public boolean enabled(String journey, Optional<String> community) {
        return scenario.journeys().map(js -> js.contains(journey)).orElse(true)
                && scenario.overrides()
                        .enabled(journey, portfolioOf(community), community)
                        .orElse(true);
    }

    @Override
    public Map<String, Object> settings(Journey journey, Optional<String> community) {
        Map<String, Object> layered = scenario.overrides().settings(journey, portfolioOf(community), community);
        Map<String, Object> own = scenario.settings().get(journey.id());
        if (own == null) {
            return layered;
        }
        Map<String, Object> merged = new LinkedHashMap<>(layered);
        merged.putAll(own);
        return merged;
    }

    @Override
    public Optional<Step.Content> copy(Journey journey, String step, Channel channel, Optional<String> community) {
        return scenario.overrides().copy(journey.id(), step, channel, portfolioOf(community), community);
    }

    private Optional<String> portfolioOf(Optional<String> community) {
        return community.flatMap(this::community).flatMap(CommunityView::portfolio);
    }

    @Override
    public List<Event> history(String contact, String type, Instant since) {
        return history.getOrDefault(contact, List.of()).stream()
                .filter(e -> e.type().equals(type) && !e.occurredAt().isBefore(since))
                .toList();
    }

    @Override
    public Map<String, String> parties(String subjectType, String subjectId) {
        return scenario.parties().getOrDefault(subjectType, Map.of()).getOrDefault(subjectId, Map.of());
    }

    @Override
    public List<String> audience(AudienceQuery query, Map<String, Object> values, Event event) {
        List<String> out = new ArrayList<>();
        Optional<CommunityView> eventCommunity = event.community().flatMap(this::community);
        for (ContactView c : contacts.values()) {
            if (!query.roles().isEmpty() && query.roles().stream().noneMatch(c.roles()::contains)) {
                continue;
            }
            if (!inScope(query.scope(), c, eventCommunity)) {
                continue;
            }
            if (query.inactiveFor().isPresent()) {
                Instant cutoff =
                        event.occurredAt().minus(query.inactiveFor().get().approximate());
                Instant last = lastActivity(c);
                if (last.isAfter(cutoff)) {
                    continue;
                }
            }
            if (query.where().stream()
                    .allMatch(w -> compare(c.preferences().get(w.preference()), w.op(), values.get(w.preference())))) {
                out.add(c.id());
            }
        }
        return out;
    }

    private boolean inScope(AudienceQuery.Scope scope, ContactView c, Optional<CommunityView> eventCommunity) {
        return switch (scope) {
            case ANY -> true;
            case COMMUNITY -> eventCommunity.isEmpty() || c.community().equals(eventCommunity.map(CommunityView::id));
            case PORTFOLIO ->
                eventCommunity.isEmpty()
                        || c.community()
                                .flatMap(this::community)
                                .flatMap(CommunityView::portfolio)
                                .equals(eventCommunity.get().portfolio());
        };
    }

    private Instant lastActivity(ContactView c) {
        List<Event> events = history.getOrDefault(c.id(), List.of());
        Instant fromHistory =
                events.isEmpty() ? Instant.MIN : events.get(events.size() - 1).occurredAt();
        Instant declared = c.lastActivityAt().orElse(Instant.MIN);
        return fromHistory.isAfter(declared) ? fromHistory : declared;
    }

    static boolean compare(Object have, AudienceQuery.Op op, Object want) {
        if (have == null || want == null) {
            return false;
        }
        if (have instanceof Number h && want instanceof Number w) {
            int c = Double.compare(h.doubleValue(), w.doubleValue());
            return switch (op) {
                case EQ -> c == 0;
                case GTE -> c >= 0;
                case LTE -> c <= 0;
            };
        }
        int c = have.toString().compareTo(want.toString());
        return switch (op) {
            case EQ -> c == 0;
            case GTE -> c >= 0;
            case LTE -> c <= 0;
        };
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        return Optional.ofNullable(extensions.get(type)).map(type::cast);
    }

    void record(Event event) {
        event.contact()
                .ifPresent(
                        c -> history.computeIfAbsent(c, k -> new ArrayList<>()).add(event));
    }

    /**
     * Puts a person's record into the world as an import does: a new person is added; for a known one the
     * record's roles, names, timezone, language, community, addresses, consent and preferences replace the
     * old ones (an empty one keeps the old), while the state, suppressed channels, attributes written by
     * journeys, agent and last activity stay, as the durable runtime merges an imported contact.
     */
    void put(ContactView imported) {
        ContactView k = contacts.get(imported.id());
        contacts.put(imported.id(), k == null ? imported : k.mergedWith(imported));
    }

    /** Suppresses (or lifts the suppression of) a contact's texts, as a STOP or START does. */
    void allowSms(String contactId, boolean allowed) {
        ContactView c = contacts.get(contactId);
        if (c == null) {
            return;
        }
        java.util.Set<Channel> suppressed = new java.util.HashSet<>(c.suppressed());
        if (allowed) {
            suppressed.remove(Channel.SMS);
        } else {
            suppressed.add(Channel.SMS);
        }
        contacts.put(
                contactId,
                new ContactView(
                        c.id(),
                        c.roles(),
                        c.firstName(),
                        c.lastName(),
                        c.timezone(),
                        c.language(),
                        c.community(),
                        c.state(),
                        c.addresses(),
                        c.consent(),
                        suppressed,
                        c.preferences(),
                        c.attributes(),
                        c.agent(),
                        c.lastActivityAt()));
    }

    /** Applies a contact update: {@code preferences.x} sets a preference, anything else an attribute. */
    void update(String contactId, Map<String, Object> set) {
        ContactView c = contacts.get(contactId);
        if (c == null) {
            return;
        }
        contacts.put(contactId, c.updated(set));
    }
}
