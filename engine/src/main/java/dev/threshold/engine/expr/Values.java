package dev.threshold.engine.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plain values as conditions and templates see them: strings, {@code Long}, {@code Double}, booleans,
 * lists and maps with string keys. Everything that enters an expression passes through here, so an
 * {@code Integer} from one source and a {@code Long} from another compare the same way.
 */
public final class Values {
    private Values() {}

    /** A deep, normalised copy of a plain value; maps keep their order and come out frozen. */
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
            return frozen(m);
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(normalize(o));
            }
            return Collections.unmodifiableList(out);
        }
        if (value.getClass().getSimpleName().equals("NullValue")) {
            return null; // CEL's null (dev.cel or protobuf): absent, not the text "NULL_VALUE"
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return value.toString();
    }

    /** A normalised, unmodifiable copy of a map, in its order; {@code null} values are dropped. */
    public static Map<String, Object> normalizeMap(Map<?, ?> map) {
        return frozen(map);
    }

    /**
     * A normalised, unmodifiable map in the given order. A map this method made is returned as it is, so
     * records that pass maps on to each other do not copy them again.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> frozen(Map<?, ?> map) {
        if (map instanceof Frozen f) {
            return f;
        }
        if (map.isEmpty()) {
            return Frozen.EMPTY;
        }
        LinkedHashMap<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() != null) {
                out.put(String.valueOf(e.getKey()), normalize(e.getValue()));
            }
        }
        return new Frozen(out);
    }

    /** Follows a dotted path ({@code lease.end_date}) through nested maps. */
    public static Optional<Object> at(Map<String, ?> root, String path) {
        Object cur = root;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return Optional.empty();
            }
            cur = m.get(part);
        }
        return Optional.ofNullable(cur);
    }

    /** An unmodifiable, normalised map; see {@link #frozen(Map)}. */
    private static final class Frozen extends AbstractMap<String, Object> {
        static final Frozen EMPTY = new Frozen(new LinkedHashMap<>());
        private final Map<String, Object> entries;

        Frozen(LinkedHashMap<String, Object> entries) {
            this.entries = Collections.unmodifiableMap(entries);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public Object get(Object key) {
            return entries.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public int size() {
            return entries.size();
        }
    }
}
