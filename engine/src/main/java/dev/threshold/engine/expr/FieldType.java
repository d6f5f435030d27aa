package dev.threshold.engine.expr;

/** The type of one field of an event, a contact or a community, as conditions are checked against it. */
public enum FieldType {
    STRING,
    INT,
    DOUBLE,
    BOOL,
    TIMESTAMP,
    LIST,
    MAP,
    ANY;

    /** The field type a JSON Schema {@code type} keyword describes; unknown or mixed types are {@link #ANY}. */
    public static FieldType fromJsonSchemaType(String type) {
        return switch (type == null ? "" : type) {
            case "string" -> STRING;
            case "integer" -> INT;
            case "number" -> DOUBLE;
            case "boolean" -> BOOL;
            case "array" -> LIST;
            case "object" -> MAP;
            default -> ANY;
        };
    }
}
