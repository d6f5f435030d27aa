package dev.threshold.runtime.consent;

import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.guardrail.ConsentChange;
import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.store.Partitions;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What people said about being contacted, as the store keeps it: every change in {@code consent_changes} (with its
 * source and time, for the "why" view) and the latest per address and scope in {@code consents}, which the
 * dispatcher overlays on a contact's imported consent before every send ({@link ConsentChange#apply}).
 *
 * <pre>{@code
 * consents.record("acme", Optional.of("R-1"), new ConsentChange(Channel.SMS, "+13035550101",
 *         Scope.MARKETING, true, Reason.CONSENT, "web form: 'Text me offers' ticked", now));
 * }</pre>
 */
public final class Consents {
    private final Store store;

    public Consents(Store store) {
        this.store = store;
    }

    /** A change as recorded, with the contact it was recorded for when one was known. */
    public record Recorded(Optional<String> contact, ConsentChange change) {}

    /** Records a change in its own transaction (a consent form, a staff member noting a request, a bounce). */
    public void record(String tenant, Optional<String> contact, ConsentChange change) {
        requireTenant(tenant);
        store.write(h -> {
            write(h.getConnection(), store.partitions(), tenant, contact, change);
            return null;
        });
    }

    /** The contact as the guardrails see it: the stored view with its recorded changes applied. */
    public Optional<ContactView> effective(String tenant, String contact) {
        return store.read(h -> {
            Connection c = h.getConnection();
            Optional<ContactView> view = Directory.findContact(c, tenant, contact);
            if (view.isEmpty()) {
                return view;
            }
            List<ConsentChange> changes =
                    current(c, tenant, List.of(view.get())).get(view.get().id());
            return Optional.of(ConsentChange.apply(view.get(), changes == null ? List.of() : changes));
        });
    }

    /** Every change recorded for a contact or for the addresses it has now, oldest first. */
    public List<Recorded> history(String tenant, String contact) {
        return store.read(h -> {
            Connection c = h.getConnection();
            Map<Channel, String> addresses = Directory.findContact(c, tenant, contact)
                    .map(ContactView::addresses)
                    .orElse(Map.of());
            StringBuilder sql = new StringBuilder("SELECT channel, address, scope, granted, reason, source, at,"
                    + " contact_id FROM consent_changes WHERE tenant_id = ? AND (contact_id = ?");
            List<Object> params = new ArrayList<>(List.of(tenant, contact));
            for (Map.Entry<Channel, String> a : addresses.entrySet()) {
                sql.append(" OR (channel = ? AND address = ?)");
                params.add(a.getKey().id());
                params.add(ConsentChange.normalize(a.getKey(), a.getValue()));
            }
            sql.append(") ORDER BY at, seq");
            List<Recorded> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                Sql.bind(st, params.toArray());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Recorded(Optional.ofNullable(rs.getString(8)), read(rs)));
                    }
                }
            }
            return out;
        });
    }

    /** Writes a change inside the caller's transaction: appended to the log, and current unless a later one is. */
    public static void write(
            Connection c, Partitions partitions, String tenant, Optional<String> contact, ConsentChange change)
            throws SQLException {
        int partition = contact.map(ct -> partitions.of(tenant, ct))
                .orElseGet(
                        () -> partitions.ofUnaddressed(tenant, change.channel().id() + ":" + change.address()));
        Object[] row = {
            tenant,
            change.channel().id(),
            change.address(),
            change.scope().id(),
            change.granted(),
            change.reason().id(),
            change.source(),
            Sql.text(contact),
            partition,
            change.at()
        };
        Sql.update(
                c,
                "INSERT INTO consent_changes (tenant_id, channel, address, scope, granted, reason, source, contact_id,"
                        + " partition, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row);
        Sql.update(
                c,
                "INSERT INTO consents (tenant_id, channel, address, scope, granted, reason, source, contact_id,"
                        + " partition, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, channel, address, scope) DO UPDATE SET granted = excluded.granted,"
                        + " reason = excluded.reason, source = excluded.source, contact_id = excluded.contact_id,"
                        + " partition = excluded.partition, at = excluded.at WHERE excluded.at >= consents.at",
                row);
    }

    /**
     * Records a {@code consent.changed} event an integrator sent (a form, a staff note in the PMS), inside the
     * ingest's transaction, for the address the contact has on that channel now; nothing when they have none. The
     * event's data was checked against its schema: {@code channel}, {@code granted}, and optionally {@code purpose}
     * (transactional, marketing, or all, the default) and {@code source}.
     */
    public static void recordReported(
            Connection c, Partitions partitions, String tenant, String contact, Map<String, Object> data, Instant at)
            throws SQLException {
        Optional<Channel> channel = Channel.parse(String.valueOf(data.get("channel")));
        Optional<ContactView> view = Directory.findContact(c, tenant, contact);
        if (channel.isEmpty() || view.isEmpty() || !view.get().addresses().containsKey(channel.get())) {
            return;
        }
        boolean granted = Boolean.TRUE.equals(data.get("granted"));
        List<ConsentChange.Scope> scopes = switch (String.valueOf(data.getOrDefault("purpose", "all"))) {
            case "marketing" -> List.of(ConsentChange.Scope.MARKETING);
            case "transactional" -> List.of(ConsentChange.Scope.TRANSACTIONAL);
            // consent to everything lifts a suppression and covers both purposes; withdrawing it suppresses
            default ->
                granted
                        ? List.of(
                                ConsentChange.Scope.ALL,
                                ConsentChange.Scope.TRANSACTIONAL,
                                ConsentChange.Scope.MARKETING)
                        : List.of(ConsentChange.Scope.ALL);
        };
        for (ConsentChange.Scope scope : scopes) {
            write(
                    c,
                    partitions,
                    tenant,
                    Optional.of(contact),
                    new ConsentChange(
                            channel.get(),
                            view.get().addresses().get(channel.get()),
                            scope,
                            granted,
                            granted ? ConsentChange.Reason.CONSENT : ConsentChange.Reason.WITHDRAWAL,
                            String.valueOf(data.getOrDefault("source", "consent.changed event")),
                            at));
        }
    }

    /**
     * The current changes about the addresses these contacts have now, by contact id: one query per channel for the
     * whole set. A change about an address applies to whoever has the address.
     */
    public static Map<String, List<ConsentChange>> current(
            Connection c, String tenant, Collection<ContactView> contacts) throws SQLException {
        Map<Channel, Set<String>> wanted = new HashMap<>();
        for (ContactView v : contacts) {
            v.addresses()
                    .forEach((ch, a) ->
                            wanted.computeIfAbsent(ch, k -> new TreeSet<>()).add(ConsentChange.normalize(ch, a)));
        }
        Map<String, List<ConsentChange>> byAddress = new HashMap<>();
        for (Map.Entry<Channel, Set<String>> e : wanted.entrySet()) {
            List<String> addresses = List.copyOf(e.getValue());
            for (int from = 0; from < addresses.size(); from += 500) {
                List<String> chunk = addresses.subList(from, Math.min(addresses.size(), from + 500));
                Object[] params = new Object[chunk.size() + 2];
                params[0] = tenant;
                params[1] = e.getKey().id();
                for (int i = 0; i < chunk.size(); i++) {
                    params[i + 2] = chunk.get(i);
                }
                try (PreparedStatement st = c.prepareStatement("SELECT channel, address, scope, granted, reason,"
                        + " source, at FROM consents WHERE tenant_id = ? AND channel = ? AND address IN ("
                        + Sql.marks(chunk.size()) + ")")) {
                    Sql.bind(st, params);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            ConsentChange change = read(rs);
                            byAddress
                                    .computeIfAbsent(key(change.channel(), change.address()), k -> new ArrayList<>())
                                    .add(change);
                        }
                    }
                }
            }
        }
        Map<String, List<ConsentChange>> out = new HashMap<>();
        for (ContactView v : contacts) {
            List<ConsentChange> mine = new ArrayList<>();
            v.addresses().forEach((ch, a) -> mine.addAll(byAddress.getOrDefault(key(ch, a), List.of())));
            if (!mine.isEmpty()) {
                out.put(v.id(), mine);
            }
        }
        return out;
    }

    private static String key(Channel channel, String address) {
        return channel.id() + "\u0000" + ConsentChange.normalize(channel, address);
    }

    private static ConsentChange read(ResultSet rs) throws SQLException {
        return new ConsentChange(
                Channel.parse(rs.getString(1)).orElseThrow(),
                rs.getString(2),
                ConsentChange.Scope.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                rs.getInt(4) == 1,
                ConsentChange.Reason.parse(rs.getString(5)),
                rs.getString(6),
                Instant.ofEpochMilli(rs.getLong(7)));
    }

    private static void requireTenant(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("a tenant is required to record consent");
        }
    }
}
