package dev.threshold.engine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import dev.threshold.engine.expr.FieldType;
import dev.threshold.engine.expr.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One type of event in the vocabulary: its name, what it means, the subjects it can be about, and the
 * JSON Schema its data must satisfy.
 */
public record EventType(String name, String description, List<String> subjects, Schema schema, Shape dataShape) {

    /** Fields every event has besides its data. */
    public static final Map<String, FieldType> ENVELOPE = Map.of(
            "id", FieldType.STRING,
            "type", FieldType.STRING,
            "occurred_at", FieldType.TIMESTAMP,
            "community", FieldType.STRING,
            "contact", FieldType.STRING,
            "subject", FieldType.MAP);

    public EventType {
        subjects = List.copyOf(subjects);
    }

    /** The shape of the event as a condition sees it: its data fields and the envelope. */
    public Shape shape() {
        Map<String, FieldType> fields = new LinkedHashMap<>(dataShape.fields());
        fields.putAll(ENVELOPE);
        return new Shape(name, fields);
    }

    /** Validates an event's data; each problem says where (a JSON pointer) and what was expected. */
    public List<DataProblem> validate(JsonNode data) {
        return schema.validate(data).stream()
                .map(e -> {
                    String path = e.getInstanceLocation().toString().replaceFirst("^\\$", "");
                    String field = "data"
                            + (path.isEmpty()
                                    ? ""
                                    : "." + path.replaceFirst("^[/.]", "").replace('/', '.'));
                    String message = e.getMessage().replaceFirst("^[^:]*: ", "");
                    return new DataProblem(field, message);
                })
                .toList();
    }

    /** A problem with an event's data: a field path such as {@code data.score} and what was wrong. */
    public record DataProblem(String field, String message) {}
}
