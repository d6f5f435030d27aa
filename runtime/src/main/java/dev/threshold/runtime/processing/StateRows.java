package dev.threshold.runtime.processing;

import dev.threshold.engine.core.ContactJourneys;
import dev.threshold.engine.core.InstanceState;
import dev.threshold.engine.core.StateJson;
import dev.threshold.runtime.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads what the engine keeps about contacts: running instances in the order they started, entry records. */
public final class StateRows {
    private static final int CHUNK = 500;

    private StateRows() {}

    public static ContactJourneys load(Connection c, String tenant, String contact) throws SQLException {
        return loadAll(c, tenant, List.of(contact)).get(contact);
    }

    /** The journeys of many contacts of a tenant, with two queries per chunk of contacts. */
    public static Map<String, ContactJourneys> loadAll(Connection c, String tenant, Collection<String> contacts)
            throws SQLException {
        Map<String, List<InstanceState>> instances = new HashMap<>();
        Map<String, List<ContactJourneys.EntryRecord>> entries = new HashMap<>();
        List<String> all = List.copyOf(contacts);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            Object[] params = params(tenant, chunk);
            try (PreparedStatement st = c.prepareStatement("SELECT contact_id, state FROM instances WHERE tenant_id = ?"
                    + " AND contact_id IN (" + Sql.marks(chunk.size()) + ") AND active = 1"
                    + " ORDER BY contact_id, created_seq, created_no")) {
                Sql.bind(st, params);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        instances
                                .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(StateJson.read(rs.getString(2), InstanceState.class));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("SELECT contact_id, journey_id, entry_key, entered,"
                    + " last_entered_at FROM entries WHERE tenant_id = ? AND contact_id IN (" + Sql.marks(chunk.size())
                    + ") ORDER BY contact_id, journey_id, entry_key")) {
                Sql.bind(st, params);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        entries.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new ContactJourneys.EntryRecord(
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getInt(4),
                                        Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
            }
        }
        Map<String, ContactJourneys> out = new HashMap<>();
        for (String contact : all) {
            out.put(
                    contact,
                    new ContactJourneys(
                            contact,
                            instances.getOrDefault(contact, List.of()),
                            entries.getOrDefault(contact, List.of())));
        }
        return out;
    }

    static Object[] params(String tenant, List<String> ids) {
        Object[] params = new Object[ids.size() + 1];
        params[0] = tenant;
        for (int i = 0; i < ids.size(); i++) {
            params[i + 1] = ids.get(i);
        }
        return params;
    }
}
