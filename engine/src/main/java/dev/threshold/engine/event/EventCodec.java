package dev.threshold.engine.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Events as plain maps, for timers that carry an event to a later moment and for storage. */
public final class EventCodec {
    private EventCodec() {}

    public static Map<String, Object> toMap(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type());
        m.put("occurred_at", e.occurredAt().toString());
        e.contact().ifPresent(c -> m.put("contact", c));
        e.community().ifPresent(c -> m.put("community", c));
        m.put("subject", e.subject());
        m.put("data", e.data());
        e.journey().ifPresent(j -> m.put("journey", j));
        return m;
    }

    @SuppressWarnings("unchecked")
    public static Event fromMap(Map<String, Object> m) {
        Map<String, String> subject = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("subject", Map.of()))
                .forEach((k, v) -> subject.put(k, String.valueOf(v)));
        return new Event(
                (String) m.get("id"),
                (String) m.get("type"),
                Instant.parse((String) m.get("occurred_at")),
                Optional.ofNullable((String) m.get("contact")),
                Optional.ofNullable((String) m.get("community")),
                subject,
                (Map<String, Object>) m.getOrDefault("data", Map.of()),
                Optional.ofNullable((String) m.get("journey")));
    }
}
