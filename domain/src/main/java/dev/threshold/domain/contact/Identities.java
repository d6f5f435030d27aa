package dev.threshold.domain.contact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the person a new record (a guest card, a CSV row) is about, so that one person is one contact
 * across the portfolio. The rules, in order, are deterministic:
 *
 * <ol>
 *   <li>the same external id from the same source (a re-import of the same lead);
 *   <li>the same verified email address or phone number;
 *   <li>two details agreeing although unverified: the same email and phone, or the same email or phone and
 *       the same full name.
 * </ol>
 *
 * <p>A single unverified detail never merges two records (shared family inboxes and recycled numbers are
 * common); it is reported as a possible duplicate instead. When several contacts qualify, the lowest id
 * wins and the others are reported.
 */
public final class Identities {
    private final Map<String, TreeSet<String>> byExternalId = new HashMap<>();
    private final Map<String, TreeSet<String>> byVerified = new HashMap<>();
    private final Map<String, TreeSet<String>> byUnverified = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();

    /** The outcome: who it is (if anyone), by which rule, and near misses worth a person's look. */
    public record Resolution(Optional<String> contact, String rule, List<String> possibleDuplicates) {
        public Resolution {
            possibleDuplicates = List.copyOf(possibleDuplicates);
        }
    }

    public static Identities of(Iterable<Contact> contacts) {
        Identities ids = new Identities();
        contacts.forEach(ids::add);
        return ids;
    }

    public void add(Contact c) {
        c.externalIds().forEach((source, id) -> index(byExternalId, source + "|" + id, c.id()));
        for (ContactPoint p : c.points()) {
            index(p.verified() ? byVerified : byUnverified, key(p), c.id());
            if (p.verified()) {
                index(byUnverified, key(p), c.id());
            }
        }
        names.put(c.id(), fullName(c));
    }

    private static void index(Map<String, TreeSet<String>> map, String key, String id) {
        map.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
    }

    private static String key(ContactPoint p) {
        return p.kind() + ":" + p.value();
    }

    private static String fullName(Contact c) {
        return c.name().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** Who {@code candidate} is, by the rules above. */
    public Resolution resolve(Contact candidate) {
        for (Map.Entry<String, String> e : candidate.externalIds().entrySet()) {
            TreeSet<String> hit = byExternalId.get(e.getKey() + "|" + e.getValue());
            if (hit != null) {
                return found(hit, "same " + e.getKey() + " id " + e.getValue());
            }
        }
        for (ContactPoint p : candidate.points()) {
            TreeSet<String> hit = byVerified.get(key(p));
            if (hit != null) {
                return found(hit, "same verified " + p.kind().name().toLowerCase(Locale.ROOT) + " " + p.value());
            }
        }
        Map<String, Integer> agreeing = new HashMap<>();
        for (ContactPoint p : candidate.points()) {
            for (String id : byUnverified.getOrDefault(key(p), new TreeSet<>())) {
                agreeing.merge(id, 1, Integer::sum);
            }
        }
        String name = fullName(candidate);
        TreeSet<String> strong = new TreeSet<>();
        TreeSet<String> weak = new TreeSet<>();
        agreeing.forEach((id, n) -> {
            boolean sameName = !name.isEmpty() && name.equals(names.get(id)) && name.contains(" ");
            if (n >= 2 || sameName) {
                strong.add(id);
            } else {
                weak.add(id);
            }
        });
        if (!strong.isEmpty()) {
            Resolution r = found(strong, "same email or phone and a second matching detail");
            List<String> dups = new ArrayList<>(r.possibleDuplicates());
            dups.addAll(weak);
            return new Resolution(r.contact(), r.rule(), dups);
        }
        return new Resolution(Optional.empty(), "new person", List.copyOf(weak));
    }

    private static Resolution found(TreeSet<String> ids, String rule) {
        List<String> others = new ArrayList<>(ids);
        String first = others.remove(0);
        return new Resolution(Optional.of(first), rule, others);
    }
}
