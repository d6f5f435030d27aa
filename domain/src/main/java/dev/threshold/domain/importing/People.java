package dev.threshold.domain.importing;

import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.ContactPoint;
import dev.threshold.domain.contact.Identities;
import dev.threshold.domain.property.PropertyRecords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the people of one import to contacts, so that one person is one contact: against the stored
 * records (asked only about the candidates' ids, emails and phones, which a SQL store answers by index) and
 * against the people met earlier in the same file. See {@link Identities} for the rules.
 */
public final class People {
    private final PropertyRecords current;
    private final Identities identities = new Identities();
    private final Set<String> indexed = new HashSet<>();
    private final Map<String, Contact> resolved = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public People(PropertyRecords current) {
        this.current = current;
    }

    /** The contact this candidate is: an existing one with what the candidate adds, or the candidate itself. */
    public Contact resolve(Contact candidate, String what) {
        candidate
                .externalIds()
                .forEach((s, id) -> current.contactByExternalId(s, id).ifPresent(this::index));
        for (ContactPoint p : candidate.points()) {
            current.contactsWith(p).forEach(this::index);
        }
        Identities.Resolution r = identities.resolve(candidate);
        if (!r.possibleDuplicates().isEmpty()) {
            notes.add(what + " (" + candidate.name() + "): possibly the same person as "
                    + String.join(", ", r.possibleDuplicates()) + "; not merged, since only one unverified detail"
                    + " agrees");
        }
        Contact result = r.contact().map(id -> known(id).mergedWith(candidate)).orElse(candidate);
        resolved.put(result.id(), result);
        index(result);
        return result;
    }

    private Contact known(String id) {
        return Optional.ofNullable(resolved.get(id))
                .or(() -> current.contact(id))
                .orElseThrow(() -> new IllegalStateException("contact " + id + " was indexed but is not known"));
    }

    private void index(Contact c) {
        if (indexed.add(c.id() + "@" + c.hashCode())) {
            identities.add(c);
        }
    }

    /** Every contact resolved, once each, in the order first met. */
    public Map<String, Contact> contacts() {
        return resolved;
    }

    public List<String> notes() {
        return notes;
    }
}
