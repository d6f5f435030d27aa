package dev.threshold.engine.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One line of simulator output: something that happened to a person at a moment, printed in their own
 * timezone. Types: entered, not-entered, stage, message, deferred, skipped, task, task-closed, timer,
 * update, emitted, handoff, goal, exit, paused, resumed, escalated, event.
 */
public record SimLine(
        Instant at, ZoneId zone, String contact, String journey, String step, String type, Map<String, Object> fields) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    public SimLine {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The moment in the person's timezone, ISO-8601 with offset. */
    public String localTime() {
        return LOCAL.format(at.atZone(zone).toOffsetDateTime());
    }

    /** A field by name, including the fixed ones, as text. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(
                switch (name) {
                    case "at" -> localTime();
                    case "contact" -> contact;
                    case "journey" -> journey;
                    case "step" -> step;
                    case "type" -> type;
                    default -> fields.get(name) == null ? null : String.valueOf(fields.get(name));
                });
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", localTime());
        m.put("contact", contact);
        m.put("journey", journey);
        m.put("step", step);
        m.put("type", type);
        m.putAll(fields);
        return m;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(asMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
