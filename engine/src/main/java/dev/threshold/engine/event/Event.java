package dev.threshold.engine.event;

import dev.threshold.engine.expr.Values;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened, as the engine sees it once the shell has resolved who it is about.
 *
 * @param id the idempotency key, unique per tenant
 * @param type a name from the event vocabulary, such as {@code workorder.overdue}
 * @param occurredAt when it happened
 * @param contact the person it is about, when it is about one (a {@code unit.available} is not)
 * @param community the community it happened at, when known
 * @param subject the things it is about: {@code work_order -> WO-5531}, {@code lease -> L-17}
 * @param data the event's fields, checked against {@code schema/events/<type>.json}
 * @param journey when set, the event is addressed to this journey only (a hand-off, a fan-out entry)
 */
public record Event(
        String id,
        String type,
        Instant occurredAt,
        Optional<String> contact,
        Optional<String> community,
        Map<String, String> subject,
        Map<String, Object> data,
        Optional<String> journey) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        subject = Map.copyOf(subject);
        data = Values.frozen(data);
    }

    public static Event of(String id, String type, Instant at, String contact, Map<String, Object> data) {
        return new Event(id, type, at, Optional.of(contact), Optional.empty(), Map.of(), data, Optional.empty());
    }

    public Event withContact(String contactId) {
        return new Event(id, type, occurredAt, Optional.of(contactId), community, subject, data, journey);
    }

    public Event addressedTo(String journeyId, String newId) {
        return new Event(newId, type, occurredAt, contact, community, subject, data, Optional.of(journeyId));
    }

    /** The event as conditions and templates see it: its fields, plus id, type, occurred_at, community, subject. */
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>(data);
        out.put("id", id);
        out.put("type", type);
        out.put("occurred_at", occurredAt);
        community.ifPresent(c -> out.put("community", c));
        contact.ifPresent(c -> out.put("contact", c));
        out.put("subject", subject);
        return out;
    }
}
