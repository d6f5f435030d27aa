package dev.threshold.runtime.contact;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.StableHash;
import dev.threshold.engine.core.StateJson;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.Partitions;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The people and places of a tenant as the runtime stores them: contacts (with their identities, roles and
 * indexed preferences), communities, and the parties of things. Also resolves who an event is about.
 */
public final class Directory {
    private final Store store;
    private final InstantSource clock;

    public Directory(Store store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Saves a contact (replacing an earlier one with the same id) and the identities that name it. */
    public void saveContact(String tenant, ContactView contact, List<Identity> identities) {
        store.write(h -> {
            writeContact(h.getConnection(), store.partitions(), tenant, contact, clock.instant());
            for (Identity i : identities) {
                Sql.update(
                        h.getConnection(),
                        "INSERT INTO contact_identities (tenant_id, kind, value, contact_id, verified)"
                                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, kind, value)"
                                + " DO UPDATE SET contact_id = excluded.contact_id, verified = excluded.verified",
                        tenant,
                        i.kind().id(),
                        i.value(),
                        contact.id(),
                        i.verified());
            }
            return null;
        });
    }

    /** Saves many contacts in one transaction (an import). */
    public void saveContacts(String tenant, List<ContactView> contacts) {
        store.write(h -> {
            writeContacts(h.getConnection(), store.partitions(), tenant, contacts, clock.instant());
            return null;
        });
    }

    public void saveCommunity(String tenant, CommunityView community) {
        store.write(h -> Sql.update(
                h.getConnection(),
                "INSERT INTO communities (tenant_id, community_id, portfolio_id, view, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, community_id) DO UPDATE SET"
                        + " portfolio_id = excluded.portfolio_id, view = excluded.view, updated_at = excluded.updated_at",
                tenant,
                community.id(),
                Sql.text(community.portfolio()),
                StateJson.write(community),
                clock.instant()));
    }

    /** Inserts or replaces a community inside a caller's transaction (an import writing many records at once). */
    public static void writeCommunity(Connection c, String tenant, CommunityView community, Instant now)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO communities (tenant_id, community_id, portfolio_id, view, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, community_id) DO UPDATE SET"
                        + " portfolio_id = excluded.portfolio_id, view = excluded.view, updated_at = excluded.updated_at",
                tenant,
                community.id(),
                Sql.text(community.portfolio()),
                StateJson.write(community),
                now);
    }

    /** Records that a contact is a party of a thing (a resident on lease L-17) in a role. */
    public void saveParty(String tenant, String subjectType, String subjectId, String contact, String role) {
        store.write(h -> Sql.update(
                h.getConnection(),
                "INSERT INTO parties (tenant_id, subject_type, subject_id, contact_id, role) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, subject_type, subject_id, contact_id) DO UPDATE SET role = excluded.role",
                tenant,
                subjectType,
                subjectId,
                contact,
                role));
    }

    public Optional<ContactView> contact(String tenant, String id) {
        return store.read(h -> findContact(h.getConnection(), tenant, id));
    }

    // ------------------------------------------------------------------ SQL shared with workers and ingest

    /** A contact read to be changed and written back in the same transaction: locked until it commits. */
    public static Optional<ContactView> findContactForUpdate(Connection c, Dialect dialect, String tenant, String id)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT view FROM contacts WHERE tenant_id = ? AND contact_id = ?" + dialect.forUpdate())) {
            Sql.bind(st, tenant, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(StateJson.read(rs.getString(1), ContactView.class)) : Optional.empty();
            }
        }
    }

    public static Optional<ContactView> findContact(Connection c, String tenant, String id) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT view FROM contacts WHERE tenant_id = ? AND contact_id = ?")) {
            Sql.bind(st, tenant, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(StateJson.read(rs.getString(1), ContactView.class)) : Optional.empty();
            }
        }
    }

    /** Many contacts of a tenant at once; those not found are absent from the map. */
    public static Map<String, ContactView> findContacts(Connection c, String tenant, List<String> ids)
            throws SQLException {
        Map<String, ContactView> out = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            Object[] params = new Object[chunk.size() + 1];
            params[0] = tenant;
            for (int i = 0; i < chunk.size(); i++) {
                params[i + 1] = chunk.get(i);
            }
            try (PreparedStatement st = c.prepareStatement("SELECT contact_id, view FROM contacts WHERE tenant_id = ?"
                    + " AND contact_id IN (" + Sql.marks(chunk.size()) + ")")) {
                Sql.bind(st, params);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), StateJson.read(rs.getString(2), ContactView.class));
                    }
                }
            }
        }
        return out;
    }

    public static Optional<CommunityView> findCommunity(Connection c, String tenant, String id) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT view FROM communities WHERE tenant_id = ? AND community_id = ?")) {
            Sql.bind(st, tenant, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(StateJson.read(rs.getString(1), CommunityView.class)) : Optional.empty();
            }
        }
    }

    private static final String UPSERT_CONTACT = "INSERT INTO contacts (tenant_id, contact_id, partition,"
            + " community_id, roles, last_activity_at, view, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, contact_id) DO UPDATE SET"
            + " community_id = excluded.community_id, roles = excluded.roles,"
            + " last_activity_at = CASE WHEN contacts.last_activity_at IS NULL"
            + " OR contacts.last_activity_at < excluded.last_activity_at"
            + " THEN excluded.last_activity_at ELSE contacts.last_activity_at END,"
            + " view = excluded.view, updated_at = excluded.updated_at";

    /** Inserts or replaces a contact row, its roles and its indexed preferences ({@link IndexedPreferences}). */
    public static void writeContact(Connection c, Partitions partitions, String tenant, ContactView v, Instant now)
            throws SQLException {
        writeContacts(c, partitions, tenant, List.of(v), now);
    }

    /** Inserts or replaces many contacts with one batch per table. */
    public static void writeContacts(
            Connection c, Partitions partitions, String tenant, List<ContactView> views, Instant now)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>(views.size());
        List<Object[]> clearRoles = new ArrayList<>(views.size());
        List<Object[]> roles = new ArrayList<>();
        List<Object[]> preferences = new ArrayList<>();
        for (ContactView v : views) {
            preferences.addAll(IndexedPreferences.rows(partitions, tenant, v));
            rows.add(new Object[] {
                tenant,
                v.id(),
                partitions.of(tenant, v.id()),
                Sql.text(v.community()),
                String.join(",", new TreeSet<>(v.roles())),
                Sql.millis(v.lastActivityAt()),
                StateJson.write(v),
                now
            });
            clearRoles.add(new Object[] {tenant, v.id()});
            for (String role : new TreeSet<>(v.roles())) {
                roles.add(new Object[] {tenant, role, v.id()});
            }
        }
        Sql.batch(c, UPSERT_CONTACT, rows);
        Sql.batch(c, "DELETE FROM contact_roles WHERE tenant_id = ? AND contact_id = ?", clearRoles);
        Sql.batch(c, "INSERT INTO contact_roles (tenant_id, role, contact_id) VALUES (?, ?, ?)", roles);
        Sql.batch(c, "DELETE FROM contact_preferences WHERE tenant_id = ? AND contact_id = ?", clearRoles);
        Sql.batch(
                c,
                "INSERT INTO contact_preferences (tenant_id, contact_id, partition, name, number, text)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                preferences);
    }

    /**
     * Who an event is about: by Threshold id; else by external id; else by a verified email or phone; else a new
     * contact, whose id is derived from the identity so that a retried event finds the same person.
     */
    public static String resolve(Connection c, Partitions partitions, String tenant, ContactRef ref, Instant now)
            throws SQLException {
        if (ref.id().isPresent()) {
            String id = ref.id().get();
            if (!exists(c, tenant, id)) {
                create(c, partitions, tenant, id, ref, now);
            }
            return id;
        }
        for (Optional<Identity> candidate : List.of(ref.external(), ref.email(), ref.phone())) {
            if (candidate.isPresent()) {
                Optional<String> found = byIdentity(c, tenant, candidate.get());
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        Identity first = ref.identities().get(0);
        String id = "c-"
                + Long.toHexString(StableHash.of(tenant + "/" + first.kind().id() + ":" + first.value()));
        if (findContact(c, tenant, id).isEmpty()) {
            create(c, partitions, tenant, id, ref, now);
        }
        return id;
    }

    /**
     * Makes sure every contact named by its Threshold id exists, creating the missing ones as {@link #resolve}
     * would, with one query for the whole batch.
     */
    public static void ensureAll(
            Connection c, Partitions partitions, String tenant, Map<String, ContactRef> byId, Instant now)
            throws SQLException {
        List<String> ids = List.copyOf(byId.keySet());
        java.util.Set<String> found = new java.util.HashSet<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            Object[] params = new Object[chunk.size() + 1];
            params[0] = tenant;
            for (int i = 0; i < chunk.size(); i++) {
                params[i + 1] = chunk.get(i);
            }
            try (PreparedStatement st = c.prepareStatement("SELECT contact_id FROM contacts WHERE tenant_id = ?"
                    + " AND contact_id IN (" + Sql.marks(chunk.size()) + ")")) {
                Sql.bind(st, params);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        for (Map.Entry<String, ContactRef> e : byId.entrySet()) {
            if (!found.contains(e.getKey())) {
                create(c, partitions, tenant, e.getKey(), e.getValue(), now);
            }
        }
    }

    private static boolean exists(Connection c, String tenant, String id) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT 1 FROM contacts WHERE tenant_id = ? AND contact_id = ?")) {
            Sql.bind(st, tenant, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Optional<String> byIdentity(Connection c, String tenant, Identity identity) throws SQLException {
        String sql = "SELECT contact_id FROM contact_identities WHERE tenant_id = ? AND kind = ? AND value = ?"
                + (identity.kind() == Identity.Kind.EXTERNAL ? "" : " AND verified = 1");
        try (PreparedStatement st = c.prepareStatement(sql)) {
            Sql.bind(st, tenant, identity.kind().id(), identity.value());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static void create(
            Connection c, Partitions partitions, String tenant, String id, ContactRef ref, Instant now)
            throws SQLException {
        Map<dev.threshold.engine.journey.Channel, String> addresses =
                new java.util.EnumMap<>(dev.threshold.engine.journey.Channel.class);
        ref.email().ifPresent(e -> addresses.put(dev.threshold.engine.journey.Channel.EMAIL, e.value()));
        ref.phone().ifPresent(p -> addresses.put(dev.threshold.engine.journey.Channel.SMS, p.value()));
        ContactView fresh = new ContactView(
                id,
                java.util.Set.of(),
                "",
                "",
                Optional.empty(),
                "en",
                Optional.empty(),
                Optional.empty(),
                addresses,
                Map.of(),
                java.util.Set.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Optional.empty());
        writeContact(c, partitions, tenant, fresh, now);
        for (Identity i : ref.identities()) {
            Sql.update(
                    c,
                    "INSERT INTO contact_identities (tenant_id, kind, value, contact_id, verified)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, kind, value) DO NOTHING",
                    tenant,
                    i.kind().id(),
                    i.value(),
                    id,
                    i.verified());
        }
    }
}
