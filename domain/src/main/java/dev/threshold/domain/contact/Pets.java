package dev.threshold.domain.contact;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The animals of a household, by kind ({@code dog -> 1, cat -> 2}). Assistance animals (service and
 * emotional-support animals) are kept apart: under the Fair Housing Act they are not pets, so pet
 * policies, limits and pet rent never apply to them.
 */
public record Pets(Map<String, Integer> counts, int assistanceAnimals) {
    private static final Set<String> ASSISTANCE = Set.of(
            "service-animal", "assistance-animal", "support-animal", "emotional-support-animal", "esa", "service-dog");

    public Pets {
        counts = Map.copyOf(new TreeMap<>(counts));
        counts.forEach((k, v) -> {
            if (v < 0) {
                throw new IllegalArgumentException("a household cannot have " + v + " " + k);
            }
        });
    }

    public static Pets none() {
        return new Pets(Map.of(), 0);
    }

    /** One animal of a kind the person did not name ({@code pets: true}). */
    public static Pets unspecified(int count) {
        return count == 0 ? none() : new Pets(Map.of("pet", count), 0);
    }

    /**
     * Reads pets as data states them: {@code true}/{@code false}, a count, a kind ({@code "dog"}), a list of
     * kinds ({@code [dog, cat]}) or counts by kind ({@code {dog: 1, cat: 2}}).
     */
    public static Pets parse(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return none();
        }
        if (Boolean.TRUE.equals(value)) {
            return unspecified(1);
        }
        if (value instanceof Number n) {
            return unspecified(n.intValue());
        }
        Map<String, Integer> counts = new TreeMap<>();
        int assistance = 0;
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                int n = e.getValue() instanceof Number num
                        ? num.intValue()
                        : Integer.parseInt(e.getValue().toString());
                assistance += add(counts, e.getKey().toString(), n);
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                assistance += add(counts, o.toString(), 1);
            }
        } else {
            String text = value.toString().strip();
            if (text.isEmpty() || text.equalsIgnoreCase("none") || text.equalsIgnoreCase("no")) {
                return none();
            }
            if (text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("true")) {
                return unspecified(1);
            }
            for (String part : text.split("\\s*[,;/]\\s*")) {
                assistance += add(counts, part, 1);
            }
        }
        return new Pets(counts, assistance);
    }

    private static int add(Map<String, Integer> counts, String kind, int n) {
        String k = normalKind(kind);
        if (ASSISTANCE.contains(k)) {
            return n;
        }
        if (n > 0) {
            counts.merge(k, n, Integer::sum);
        }
        return 0;
    }

    private static String normalKind(String kind) {
        String k = kind.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return switch (k) {
            case "dogs" -> "dog";
            case "cats" -> "cat";
            case "birds" -> "bird";
            default -> k;
        };
    }

    /** Pets only; assistance animals do not count. */
    public int count() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public boolean any() {
        return count() > 0;
    }

    public Set<String> kinds() {
        return counts.keySet();
    }

    /** As people read it: "1 dog and 2 cats". */
    public String text() {
        if (!any()) {
            return "no pets";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (i > 0) {
                b.append(i == counts.size() - 1 ? " and " : ", ");
            }
            b.append(e.getValue()).append(' ').append(e.getKey()).append(e.getValue() > 1 ? "s" : "");
            i++;
        }
        return b.toString();
    }
}
