package dev.threshold.runtime.property;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.ContactPoint;
import dev.threshold.domain.contact.Preferences;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.StateJson;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.store.Partitions;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's property records, kept in the store: what imports and the API write, all or nothing, and what they
 * compare against. Writing a change set also keeps the runtime's view in step — communities and contacts as the
 * engine reads them, the residents of each lease as its parties — in the same transaction.
 *
 * <p>References are checked as {@code InMemoryPropertyStore} checks them; a person the runtime already knows (made
 * by the API or an event) counts as existing, so a lease may name a contact created with {@code POST /v1/contacts}.
 */
public final class StoredProperties {
    private final Store store;
    private final InstantSource clock;

    public StoredProperties(Store store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Everything the tenant has, in memory, to plan an import against. */
    public InMemoryPropertyStore snapshot(String tenant) {
        return store.read(h -> snapshot(h.getConnection(), tenant));
    }

    /** Everything the tenant has, read on a connection. */
    static InMemoryPropertyStore snapshot(Connection c, String tenant) throws SQLException {
        ChangeSet.Builder all = ChangeSet.builder();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT kind, body FROM property_records WHERE tenant_id = ? ORDER BY kind, record_id")) {
            Sql.bind(st, tenant);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    PropertyKind<?> kind = PropertyKind.BY_ID.get(rs.getString(1));
                    if (kind != null) {
                        kind.add(all, StateJson.read(rs.getString(2), kind.type()));
                    }
                }
            }
        }
        return InMemoryPropertyStore.of(all.build());
    }

    /**
     * Writes a change set, all or nothing; an {@link IllegalArgumentException} says which references do not exist
     * and nothing is written.
     */
    public void apply(String tenant, ChangeSet changes) {
        Instant now = clock.instant();
        store.write(h -> {
            Connection c = h.getConnection();
            InMemoryPropertyStore current = snapshot(c, tenant);
            ChangeSet people = knownPeople(c, tenant, current, changes);
            current.apply(people);
            current.apply(changes);
            // kept as records too, so that what refers to them still loads when read back
            writeRows(c, store.partitions(), tenant, PropertyKind.CONTACT, people, now);
            writeRecords(c, store.partitions(), tenant, changes, now);
            for (Community community : changes.communities()) {
                Directory.writeCommunity(c, tenant, community.view(), now);
            }
            for (Contact contact : changes.contacts()) {
                writeContact(c, tenant, contact, current, now);
            }
            for (Lease lease : changes.leases()) {
                for (String resident : lease.residents()) {
                    Sql.update(
                            c,
                            "INSERT INTO parties (tenant_id, subject_type, subject_id, contact_id, role)"
                                    + " VALUES (?, 'lease', ?, ?, 'resident') ON CONFLICT (tenant_id, subject_type,"
                                    + " subject_id, contact_id) DO NOTHING",
                            tenant,
                            lease.id(),
                            resident);
                }
            }
            return null;
        });
    }

    /**
     * Writes the records of a change set and raises the tenant's version, in the caller's transaction; returns the
     * new version. Workers call it for the changes events make (a unit leased), imports through {@link #apply}.
     */
    public static long writeRecords(Connection c, Partitions partitions, String tenant, ChangeSet changes, Instant now)
            throws SQLException {
        for (PropertyKind<?> kind : PropertyKind.ALL) {
            writeRows(c, partitions, tenant, kind, changes, now);
        }
        Sql.update(
                c,
                "INSERT INTO property_versions (tenant_id, version) VALUES (?, 1) ON CONFLICT (tenant_id)"
                        + " DO UPDATE SET version = property_versions.version + 1",
                tenant);
        return version(c, tenant);
    }

    /** The tenant's property version: 0 before its first record. */
    static long version(Connection c, String tenant) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT version FROM property_versions WHERE tenant_id = ?")) {
            Sql.bind(st, tenant);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    private static <T> void writeRows(
            Connection c, Partitions partitions, String tenant, PropertyKind<T> kind, ChangeSet changes, Instant now)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (T record : kind.inSet().apply(changes)) {
            Optional<String> contact = kind.contact().apply(record);
            rows.add(new Object[] {
                tenant,
                kind.id(),
                kind.key().apply(record),
                Sql.text(kind.community().apply(record)),
                Sql.text(contact),
                contact.<Object>map(x -> partitions.of(tenant, x)).orElse(Sql.NULL_BIGINT),
                StateJson.write(record),
                now
            });
        }
        Sql.batch(
                c,
                "INSERT INTO property_records (tenant_id, kind, record_id, community_id, contact_id, partition, body,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, kind, record_id)"
                        + " DO UPDATE SET community_id = excluded.community_id, contact_id = excluded.contact_id,"
                        + " partition = excluded.partition, body = excluded.body, updated_at = excluded.updated_at",
                rows);
    }

    /**
     * The people the set refers to that only the runtime knows (made by the API or an event), as minimal records,
     * so references to them hold.
     */
    private static ChangeSet knownPeople(Connection c, String tenant, InMemoryPropertyStore current, ChangeSet changes)
            throws SQLException {
        Set<String> named = new HashSet<>();
        changes.interests().forEach(x -> named.add(x.contact()));
        changes.guestCards().forEach(x -> named.add(x.contact()));
        changes.tours().forEach(x -> named.add(x.contact()));
        changes.applications().forEach(x -> named.addAll(x.parties().keySet()));
        changes.leases().forEach(x -> named.addAll(x.residents()));
        changes.payments().forEach(x -> named.add(x.contact()));
        changes.purchases().forEach(x -> named.add(x.contact()));
        changes.workOrders().forEach(x -> named.add(x.contact()));
        changes.feedback().forEach(x -> named.add(x.contact()));
        changes.moveOuts().forEach(x -> named.add(x.contact()));
        changes.contacts().forEach(x -> named.remove(x.id()));
        named.removeIf(id -> current.contact(id).isPresent());
        ChangeSet.Builder people = ChangeSet.builder();
        Directory.findContacts(c, tenant, List.copyOf(named))
                .values()
                .forEach(v -> people.contact(new Contact(
                        v.id(),
                        v.firstName(),
                        v.lastName(),
                        List.of(),
                        List.of(),
                        List.of(),
                        v.timezone(),
                        v.language(),
                        v.community(),
                        Preferences.none(),
                        Map.of())));
        return people.build();
    }

    /** The person as the engine sees them, keeping what the runtime knows that an import does not. */
    private void writeContact(Connection c, String tenant, Contact contact, InMemoryPropertyStore current, Instant now)
            throws SQLException {
        ZoneId zone = contact.community()
                .flatMap(current::community)
                .map(Community::timezone)
                .orElse(ZoneOffset.UTC);
        ContactView imported = contact.view(now, zone);
        Optional<ContactView> known = Directory.findContact(c, tenant, contact.id());
        ContactView merged = known.map(k -> k.mergedWith(imported)).orElse(imported);
        Directory.writeContact(c, store.partitions(), tenant, merged, now);
        List<Object[]> identities = new ArrayList<>();
        contact.externalIds()
                .forEach((source, id) ->
                        identities.add(new Object[] {tenant, "external", source + ":" + id, contact.id(), true}));
        for (ContactPoint p : contact.points()) {
            String kind = p.kind() == ContactPoint.Kind.EMAIL ? "email" : "phone";
            String value = p.kind() == ContactPoint.Kind.EMAIL
                    ? p.value().toLowerCase(java.util.Locale.ROOT)
                    : p.value().replaceAll("[^+0-9]", "");
            identities.add(new Object[] {tenant, kind, value, contact.id(), p.verified()});
        }
        Sql.batch(
                c,
                "INSERT INTO contact_identities (tenant_id, kind, value, contact_id, verified) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, kind, value) DO NOTHING",
                identities);
    }

    /** One record of a kind, by its key. */
    public <T> Optional<T> find(String tenant, PropertyKind<T> kind, String key) {
        return store.read(h -> h.createQuery(
                        "SELECT body FROM property_records WHERE tenant_id = :t AND kind = :k" + " AND record_id = :r")
                .bind("t", tenant)
                .bind("k", kind.id())
                .bind("r", key)
                .mapTo(String.class)
                .findOne()
                .map(b -> StateJson.read(b, kind.type())));
    }
}
