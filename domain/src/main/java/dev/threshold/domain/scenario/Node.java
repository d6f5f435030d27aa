package dev.threshold.domain.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.domain.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node of a scenario's {@code data:} block with its path ({@code data.communities[0].units[2]}), read
 * with types; every problem is collected with its path rather than thrown, so all are reported at once.
 */
final class Node {
    private final JsonNode json;
    private final String path;
    private final List<String> problems;

    Node(JsonNode json, String path, List<String> problems) {
        this.json = json;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    boolean has(String field) {
        return json.has(field) && !json.get(field).isNull();
    }

    Node get(String field) {
        return new Node(json.path(field), path + "." + field, problems);
    }

    List<Node> list(String field) {
        JsonNode n = json.path(field);
        List<Node> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problem(path + "." + field, "expected a list");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            out.add(new Node(n.get(i), path + "." + field + "[" + i + "]", problems));
        }
        return out;
    }

    /** Warns about fields this block does not know, so a typo does not pass silently. */
    void allow(String... known) {
        Set<String> k = Set.of(known);
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!k.contains(f)) {
                problem(path + "." + f, "unknown field; expected one of " + String.join(", ", new TreeSet<>(k)));
            }
        }
    }

    String required(String field) {
        if (!has(field)
                || !json.get(field).isValueNode()
                || json.get(field).asText().isBlank()) {
            problem(path + "." + field, "is required");
            return "";
        }
        return json.get(field).asText().strip();
    }

    Optional<String> text(String field) {
        return has(field) ? Optional.of(json.get(field).asText().strip()) : Optional.empty();
    }

    String text(String field, String otherwise) {
        return text(field).orElse(otherwise);
    }

    Optional<LocalDate> date(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        String t = json.get(field).asText();
        try {
            return Optional.of(LocalDate.parse(t));
        } catch (DateTimeParseException e) {
            problem(path + "." + field, "'" + t + "' is not a date (YYYY-MM-DD)");
            return Optional.empty();
        }
    }

    LocalDate requiredDate(String field) {
        if (!has(field)) {
            problem(path + "." + field, "is required");
            return LocalDate.EPOCH;
        }
        return date(field).orElse(LocalDate.EPOCH);
    }

    Optional<Money> money(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode n = json.get(field);
        try {
            return Optional.of(n.isNumber() ? Money.of(n.decimalValue()) : Money.parse(n.asText()));
        } catch (IllegalArgumentException e) {
            problem(path + "." + field, e.getMessage());
            return Optional.empty();
        }
    }

    Money money(String field, Money otherwise) {
        return money(field).orElse(otherwise);
    }

    Optional<BigDecimal> decimal(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode n = json.get(field);
        if (!n.isNumber()) {
            problem(path + "." + field, "'" + n.asText() + "' is not a number");
            return Optional.empty();
        }
        return Optional.of(n.decimalValue());
    }

    Optional<Double> number(String field) {
        return decimal(field).map(BigDecimal::doubleValue);
    }

    OptionalInt integer(String field) {
        if (!has(field)) {
            return OptionalInt.empty();
        }
        JsonNode n = json.get(field);
        if (!n.canConvertToExactIntegral() || !n.isNumber()) {
            problem(path + "." + field, "'" + n.asText() + "' is not a whole number");
            return OptionalInt.empty();
        }
        return OptionalInt.of(n.asInt());
    }

    int integer(String field, int otherwise) {
        return integer(field).orElse(otherwise);
    }

    boolean flag(String field, boolean otherwise) {
        if (!has(field)) {
            return otherwise;
        }
        JsonNode n = json.get(field);
        if (!n.isBoolean()) {
            problem(path + "." + field, "'" + n.asText() + "' is not true or false");
            return otherwise;
        }
        return n.asBoolean();
    }

    Set<String> words(String field) {
        Set<String> out = new TreeSet<>();
        if (!has(field)) {
            return out;
        }
        JsonNode n = json.get(field);
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText().strip().toLowerCase(Locale.ROOT)));
        } else {
            for (String w : n.asText().split(",")) {
                if (!w.isBlank()) {
                    out.add(w.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    JsonNode json() {
        return json;
    }

    void problem(String message) {
        problems.add(path + ": " + message);
    }

    private void problem(String where, String message) {
        problems.add(where + ": " + message);
    }
}
