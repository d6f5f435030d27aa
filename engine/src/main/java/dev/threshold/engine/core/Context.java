package dev.threshold.engine.core;

import dev.threshold.engine.event.Event;
import dev.threshold.engine.journey.AudienceQuery;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Step;
import dev.threshold.engine.time.BusinessCalendar;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only world a decision may consult: contacts, communities, settings and overrides, recent
 * history, the parties of a thing, and domain data through typed extensions (unit inventory, renewal
 * policy). The simulator answers from memory, the runtime from its store; the engine cannot tell.
 */
public interface Context {

    Optional<ContactView> contact(String id);

    Optional<CommunityView> community(String id);

    /** Whether the journey is switched on for the community (or, without one, for the tenant). */
    default boolean enabled(String journey, Optional<String> community) {
        return true;
    }

    /** The journey's settings with the overrides of tenant, portfolio and community applied. */
    default Map<String, Object> settings(Journey journey, Optional<String> community) {
        return journey.settings();
    }

    /** A community's (or portfolio's, or tenant's) rewording of one channel of a send step. */
    default Optional<Step.Content> copy(Journey journey, String step, Channel channel, Optional<String> community) {
        return Optional.empty();
    }

    /** The contact's events of a type since a moment, oldest first, including the one being processed. */
    default List<Event> history(String contact, String type, Instant since) {
        return List.of();
    }

    /** The parties of a thing (all residents of a lease, co-applicants and guarantor): contact id → role. */
    default Map<String, String> parties(String subjectType, String subjectId) {
        return Map.of();
    }

    /** The contacts a fan-out reaches, answered by an indexed query. */
    default List<String> audience(AudienceQuery query, Map<String, Object> values, Event event) {
        return List.of();
    }

    /** Domain data the engine does not know by name (inventory, policies), by type. */
    default <T> Optional<T> extension(Class<T> type) {
        return Optional.empty();
    }

    /** The timezone to count calendar days and local times in for a contact. */
    default ZoneId zoneOf(ContactView contact) {
        return contact.timezone()
                .or(() -> contact.community().flatMap(this::community).map(CommunityView::timezone))
                .orElse(ZoneOffset.UTC);
    }

    /** Office hours for business-time spans. */
    default BusinessCalendar calendar(Optional<String> community, ZoneId fallback) {
        return community
                .flatMap(this::community)
                .map(CommunityView::calendar)
                .orElseGet(() -> BusinessCalendar.standard(fallback));
    }
}
