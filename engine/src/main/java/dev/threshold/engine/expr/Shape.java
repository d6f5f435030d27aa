package dev.threshold.engine.expr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The named fields of a record-like value (an event type, the contact, the community) and their types.
 * Conditions are type-checked against shapes, and templates are checked for unknown fields.
 */
public record Shape(String name, Map<String, FieldType> fields, boolean open) {
    public Shape {
        fields = Map.copyOf(fields);
    }

    public Shape(String name, Map<String, FieldType> fields) {
        this(name, fields, false);
    }

    /** A shape whose fields are not known (an unknown event type): any field may be read, none is checked. */
    public static Shape open(String name) {
        return new Shape(name, Map.of(), true);
    }

    public Optional<FieldType> field(String field) {
        return Optional.ofNullable(fields.get(field));
    }

    /**
     * The shape that holds a value of either shape: the union of their fields, a field typed
     * {@link FieldType#ANY} where the two disagree.
     */
    public Shape union(Shape other) {
        if (other.equals(this)) {
            return this;
        }
        if (open || other.open) {
            return open(name + "|" + other.name);
        }
        Map<String, FieldType> merged = new LinkedHashMap<>(fields);
        other.fields.forEach((k, v) -> merged.merge(k, v, (a, b) -> a == b ? a : FieldType.ANY));
        return new Shape(name + "|" + other.name, merged);
    }

    /** Converts numbers to the declared numeric type, so that {@code 7} in a decimal field is {@code 7.0}. */
    public Map<String, Object> coerce(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        fields.forEach((k, t) -> {
            Object v = out.get(k);
            if (t == FieldType.DOUBLE && (v instanceof Long || v instanceof Integer || v instanceof Short)) {
                out.put(k, ((Number) v).doubleValue());
            } else if (t == FieldType.INT && v instanceof Double d && d == Math.rint(d)) {
                out.put(k, d.longValue());
            }
        });
        return out;
    }
}
