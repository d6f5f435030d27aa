package dev.threshold.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fields of a JSON object with their types, collecting every problem with its path ({@code
 * preferences.budget}, {@code units[2].id}) instead of stopping at the first; {@link #done()} then throws one 422
 * listing them all.
 *
 * <pre>{@code
 * Fields f = new Fields(body, "");
 * f.allow("name", "role");
 * String name = f.text("name", true).orElse("");
 * f.done();
 * }</pre>
 */
public final class Fields {
    public static final int MAX_TEXT = 10_000;

    private final JsonNode node;
    private final String prefix;
    private final List<ApiError.Problem> problems;

    public Fields(JsonNode node, String path) {
        this(node, path, new ArrayList<>());
    }

    private Fields(JsonNode node, String path, List<ApiError.Problem> problems) {
        this.node = node;
        this.prefix = path.isEmpty() ? "" : path + ".";
        this.problems = problems;
    }

    /** A nested object's reader sharing this one's problems; empty when absent, a problem when not an object. */
    public Optional<Fields> object(String name) {
        JsonNode v = node.path(name);
        if (absent(v)) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            problem(name, "expected an object");
            return Optional.empty();
        }
        return Optional.of(new Fields(v, prefix + name, problems));
    }

    /** Refuses fields not named here, so a typo does not pass silently. */
    public void allow(String... names) {
        Set<String> known = Set.of(names);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (!known.contains(n)) {
                problems.add(new ApiError.Problem(
                        "unknown_field",
                        "'" + Requests.clip(n, 60) + "' is not a field here; expected one of " + new TreeSet<>(known),
                        Optional.of(prefix + Requests.clip(n, 60))));
            }
        }
    }

    public boolean has(String name) {
        return !absent(node.path(name));
    }

    public Optional<String> text(String name, boolean required) {
        return text(name, required, MAX_TEXT);
    }

    public Optional<String> text(String name, boolean required, int maxLength) {
        JsonNode v = node.path(name);
        if (absent(v)) {
            if (required) {
                problem(name, "required: a string");
            }
            return Optional.empty();
        }
        if (!v.isTextual()) {
            problem(name, "expected a string, not " + Requests.describe(v));
            return Optional.empty();
        }
        String s = v.asText();
        if (s.isBlank() && required) {
            problem(name, "must not be empty");
            return Optional.empty();
        }
        if (s.length() > maxLength) {
            problem(name, "is " + s.length() + " characters long; at most " + maxLength + " are accepted");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** An id: 1 to 200 visible characters. */
    public Optional<String> id(String name, boolean required) {
        Optional<String> v = text(name, required, 200);
        if (v.isPresent() && !v.get().codePoints().allMatch(c -> c > 0x20 && c != 0x7f)) {
            problem(name, "an id has no spaces or control characters");
            return Optional.empty();
        }
        return v.filter(s -> !s.isEmpty());
    }

    public Optional<Long> integer(String name, boolean required, long min, long max) {
        JsonNode v = node.path(name);
        if (absent(v)) {
            if (required) {
                problem(name, "required: a whole number");
            }
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            problem(name, "expected a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(v.asLong());
    }

    public Optional<Double> number(String name, boolean required, double min, double max) {
        JsonNode v = node.path(name);
        if (absent(v)) {
            if (required) {
                problem(name, "required: a number");
            }
            return Optional.empty();
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < min || v.asDouble() > max) {
            problem(name, "expected a number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(v.asDouble());
    }

    public Optional<Boolean> bool(String name, boolean required) {
        JsonNode v = node.path(name);
        if (absent(v)) {
            if (required) {
                problem(name, "required: true or false");
            }
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            problem(name, "expected true or false");
            return Optional.empty();
        }
        return Optional.of(v.asBoolean());
    }

    /** A string from a closed set of values. */
    public Optional<String> oneOf(String name, boolean required, Set<String> allowed) {
        Optional<String> v = text(name, required, 100);
        if (v.isPresent() && !allowed.contains(v.get())) {
            problem(name, "'" + Requests.clip(v.get(), 40) + "' is not one of " + new TreeSet<>(allowed));
            return Optional.empty();
        }
        return v;
    }

    /** A list of strings (at most {@code maxItems}); absent is empty. */
    public List<String> texts(String name, int maxItems, int maxLength) {
        JsonNode v = node.path(name);
        List<String> out = new ArrayList<>();
        if (absent(v)) {
            return out;
        }
        if (!v.isArray() || v.size() > maxItems) {
            problem(name, "expected a list of at most " + maxItems + " strings");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > maxLength) {
                problem(name + "[" + i + "]", "expected a non-empty string of at most " + maxLength + " characters");
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    /** A free-form object of plain values (strings, numbers, booleans, lists and objects of them). */
    public Map<String, Object> values(String name) {
        JsonNode v = node.path(name);
        if (absent(v)) {
            return Map.of();
        }
        if (!v.isObject()) {
            problem(name, "expected an object");
            return Map.of();
        }
        if (v.toString().length() > 64 * 1024) {
            problem(name, "is larger than the 64 KB accepted");
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = Json.mapper().convertValue((ObjectNode) v, LinkedHashMap.class);
        return m;
    }

    /** Records a problem found by the caller, at a field of this object. */
    public void problem(String field, String message) {
        problems.add(ApiError.Problem.of(prefix + field, message));
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Throws one 422 with every problem found, if any. */
    public void done() {
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
    }

    private static boolean absent(JsonNode v) {
        return v.isMissingNode() || v.isNull();
    }
}
