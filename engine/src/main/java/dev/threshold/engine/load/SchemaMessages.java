package dev.threshold.engine.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns JSON Schema validation errors into messages that say where, what was found and what was
 * expected, using the schema's own descriptions and field lists.
 */
public final class SchemaMessages {

    /** A schema problem and whether it is a summary ("none of the forms matched") a sharper check may replace. */
    public record Explained(Problem problem, boolean summary) {}

    private final JsonNode schemaRoot;

    public SchemaMessages(JsonNode schemaRoot) {
        this.schemaRoot = schemaRoot;
    }

    public Explained explain(Error e, LocatedYaml doc) {
        JsonNode located = e.getInstanceNode();
        if ("additionalProperties".equals(e.getKeyword()) && located != null && located.has(e.getProperty())) {
            located = located.get(e.getProperty()); // point at the stray field itself
        }
        int[] at = doc.where(located);
        String path = readable(e.getInstanceLocation().toString());
        String where = path.isEmpty() ? "the journey" : path;
        JsonNode found = e.getInstanceNode();
        JsonNode parent = parentSchema(e);
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        String message = switch (keyword) {
            case "required" ->
                where + " needs '" + e.getProperty() + "'"
                        + describe(parent.path("properties").path(e.getProperty()));
            case "additionalProperties" ->
                where + " has no field '" + e.getProperty() + "'; expected one of: "
                        + fields(parent.path("properties"));
            case "type" ->
                where + " should be " + article(parent.path("type")) + ", not " + kind(found)
                        + (found != null && found.isBoolean()
                                ? " (YAML reads yes, no, on and off as true or false:" + " put the text in quotes)"
                                : "");
            case "enum" -> where + " is '" + text(found) + "'; expected one of: " + values(parent.path("enum"));
            case "const" -> where + " is '" + text(found) + "'; expected " + parent.path("const");
            case "pattern" -> where + " is '" + text(found) + "', which is not valid here" + describe(parent);
            case "minItems" ->
                where + " needs at least " + parent.path("minItems").asInt() + " item(s)";
            case "minLength" -> where + " must not be empty";
            case "minimum", "maximum" ->
                where + " is " + text(found) + "; allowed: "
                        + (parent.has("minimum")
                                ? "from " + parent.path("minimum").asText() + " "
                                : "")
                        + (parent.has("maximum")
                                ? "up to " + parent.path("maximum").asText()
                                : "");
            case "uniqueItems" -> where + " lists the same item twice";
            case "oneOf", "anyOf", "not" -> where + " does not have any of the accepted forms" + describe(parent);
            default -> where + ": " + e.getMessage();
        };
        boolean summary = keyword.equals("oneOf") || keyword.equals("anyOf") || keyword.equals("not");
        return new Explained(new Problem(doc.name(), at[0], at[1], Problem.Severity.ERROR, message), summary);
    }

    /** {@code /steps/0/wait} as {@code steps[0].wait}. */
    static String readable(String pointer) {
        StringBuilder b = new StringBuilder();
        for (String part : pointer.replaceFirst("^\\$", "").split("[/.]")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                b.append('[').append(part).append(']');
            } else {
                b.append(b.isEmpty() ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return b.toString();
    }

    private JsonNode parentSchema(Error e) {
        String fragment = e.getSchemaLocation() == null
                ? ""
                : e.getSchemaLocation().getFragment().toString();
        List<String> parts =
                new ArrayList<>(List.of(fragment.replaceFirst("^#?/?", "").split("/")));
        if (!parts.isEmpty()) {
            parts.remove(parts.size() - 1); // the keyword itself
        }
        JsonNode node = schemaRoot;
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            String key = p.replace("~1", "/").replace("~0", "~");
            node = node.isArray() && key.chars().allMatch(Character::isDigit)
                    ? node.path(Integer.parseInt(key))
                    : node.path(key);
            if (node.has("$ref") && node.size() == 1) {
                node = resolve(node.path("$ref").asText());
            }
        }
        if (node.has("$ref")) {
            JsonNode target = resolve(node.path("$ref").asText());
            if (!target.isMissingNode()) {
                return target;
            }
        }
        return node;
    }

    private JsonNode resolve(String ref) {
        JsonNode node = schemaRoot;
        for (String p : ref.replaceFirst("^#/?", "").split("/")) {
            node = node.path(p);
        }
        return node;
    }

    private static String describe(JsonNode schema) {
        String d = schema.path("description").asText("");
        return d.isEmpty() ? "" : " (" + d + ")";
    }

    private static String fields(JsonNode properties) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static String values(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add(v.asText()));
        return String.join(", ", out);
    }

    private static String article(JsonNode type) {
        String t = type.isArray() ? values(type).replace(", ", " or ") : type.asText("value");
        return switch (t) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "integer" -> "a whole number";
            default -> "a " + t;
        };
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "empty";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        return "the text '" + node.asText() + "'";
    }

    private static String text(JsonNode node) {
        return node == null ? "" : node.isValueNode() ? node.asText() : node.toString();
    }
}
