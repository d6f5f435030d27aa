package dev.threshold.engine.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain values as conditions and templates see them: strings, {@code Long}, {@code Double}, booleans,
 * lists and maps with string keys. Everything that enters an expression passes through here, so an
 * {@code Integer} from one source and a {@code Long} from another compare the same way.
 */
public final class Values {
    private Values() {}

    /** A deep, normalised copy of a plain value. */
    public static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b) {
            return b.longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Double) {
            return value;
        }
        if (value instanceof Map<?, ?> m) {
            return normalizeMap(m);
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(normalize(o));
            }
            return out;
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        return value.toString();
    }

    /** A normalised copy of a map; {@code null} values are dropped, so "absent" has one spelling. */
    public static Map<String, Object> normalizeMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() != null) {
                out.put(String.valueOf(e.getKey()), normalize(e.getValue()));
            }
        }
        return out;
    }

    /** Follows a dotted path ({@code lease.end_date}) through nested maps. */
    public static java.util.Optional<Object> at(Map<String, ?> root, String path) {
        Object cur = root;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return java.util.Optional.empty();
            }
            cur = m.get(part);
        }
        return java.util.Optional.ofNullable(cur);
    }
}
