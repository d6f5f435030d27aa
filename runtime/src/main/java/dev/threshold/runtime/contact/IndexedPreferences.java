package dev.threshold.runtime.contact;

import dev.threshold.engine.core.ContactView;
import dev.threshold.runtime.store.Partitions;
import dev.threshold.runtime.store.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A contact's stated preferences as rows of {@code contact_preferences}, the index an audience fan-out filters
 * on. Every preference with a plain value (a number, a text, a flag) is indexed: as a number when it is one, and
 * always as text. Lists and maps (pets by kind, wanted features) are not: an audience compares one value.
 */
public final class IndexedPreferences {
    private IndexedPreferences() {}

    /** The rows for a contact: tenant, contact, partition, name, number (or NULL), text. */
    static List<Object[]> rows(Partitions partitions, String tenant, ContactView v) {
        List<Object[]> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : v.preferences().entrySet()) {
            Object value = e.getValue();
            if (value instanceof Number || value instanceof String || value instanceof Boolean) {
                out.add(new Object[] {
                    tenant,
                    v.id(),
                    partitions.of(tenant, v.id()),
                    e.getKey(),
                    value instanceof Number n ? (Object) n.doubleValue() : Sql.NULL_REAL,
                    value.toString()
                });
            }
        }
        return out;
    }
}
