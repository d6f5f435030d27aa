package dev.threshold.runtime.processing;

import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The append-only log every input goes through: ingested and emitted events, fired timers, commands. Appends
 * are idempotent by key (a repeat is dropped); workers read it in sequence order.
 */
public final class InputLog {
    private InputLog() {}

    /** What kind of input a row holds. */
    public enum Kind {
        EVENT("event"),
        TIMER("timer"),
        COMMAND("command");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown input kind '" + id + "'");
        }
    }

    /** An input to append. */
    public record Entry(
            String tenant,
            String key,
            int partition,
            Kind kind,
            Optional<String> contact,
            String type,
            Instant occurredAt,
            String body) {}

    /** An input as read back, with its place in the log. */
    public record Row(
            long seq,
            String tenant,
            String key,
            int partition,
            Kind kind,
            Optional<String> contact,
            String type,
            Instant occurredAt,
            String body) {}

    private static final String APPEND = "INSERT INTO event_log (tenant_id, event_key, partition, kind, contact_id,"
            + " type, occurred_at, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (tenant_id, event_key) DO NOTHING";

    /** The advisory lock that keeps appends to the event log in commit order on PostgreSQL ("thrshld"). */
    private static final long APPEND_LOCK = 0x7468727368_6c64L;

    /**
     * Appends entries; those whose key the tenant already used are dropped. Call it last in its transaction: on
     * PostgreSQL it takes a lock that every appender takes and holds it until the transaction ends, so that rows
     * become visible in the order of their sequence numbers and a worker reading by sequence never passes over one
     * that commits late. SQLite has one writer, whose appends are in order already.
     */
    public static void append(Connection c, Dialect dialect, List<Entry> entries, Instant receivedAt)
            throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRES) {
            try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                st.setLong(1, APPEND_LOCK);
                st.executeQuery().close();
            }
        }
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            rows.add(new Object[] {
                e.tenant(),
                e.key(),
                e.partition(),
                e.kind().id(),
                Sql.text(e.contact()),
                e.type(),
                e.occurredAt(),
                receivedAt,
                e.body()
            });
        }
        Sql.batch(c, APPEND, rows);
    }

    /** The keys of a tenant's among these that are already in the log. */
    public static Set<String> existing(Connection c, String tenant, List<String> keys) throws SQLException {
        Set<String> found = new java.util.HashSet<>();
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
            try (PreparedStatement st = c.prepareStatement("SELECT event_key FROM event_log WHERE tenant_id = ?"
                    + " AND event_key IN (" + Sql.marks(chunk.size()) + ")")) {
                Object[] params = new Object[chunk.size() + 1];
                params[0] = tenant;
                for (int i = 0; i < chunk.size(); i++) {
                    params[i + 1] = chunk.get(i);
                }
                Sql.bind(st, params);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    /** Inputs after {@code afterSeq}, in order, of the given partitions (all when {@code partitions} is empty). */
    public static List<Row> read(Connection c, long afterSeq, Set<Integer> partitions, int limit) throws SQLException {
        String where = partitions.isEmpty() ? "" : " AND partition IN (" + Sql.marks(partitions.size()) + ")";
        Object[] params = new Object[partitions.size() + 2];
        params[0] = afterSeq;
        int i = 1;
        for (Integer p : partitions) {
            params[i++] = p;
        }
        params[i] = limit;
        List<Row> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT seq, tenant_id, event_key, partition, kind, contact_id, type, occurred_at, body"
                        + " FROM event_log WHERE seq > ?" + where + " ORDER BY seq LIMIT ?")) {
            Sql.bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            Kind.of(rs.getString(5)),
                            Optional.ofNullable(rs.getString(6)),
                            rs.getString(7),
                            Instant.ofEpochMilli(rs.getLong(8)),
                            rs.getString(9)));
                }
            }
        }
        return out;
    }

    /** The highest sequence number in the log, 0 when empty. */
    public static long last(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT MAX(seq) FROM event_log");
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
