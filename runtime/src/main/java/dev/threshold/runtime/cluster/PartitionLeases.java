package dev.threshold.runtime.cluster;

import dev.threshold.engine.core.StableHash;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's share of the partitions when several nodes work over one PostgreSQL database. Every partition has a
 * lease row: owner, epoch, expiry. At each {@link #tick()} (a heartbeat, every few seconds) the node records that
 * it is alive, renews the leases it holds, lets go of the ones that belong to another live node, and takes the
 * ones that belong to it and are free or expired. Which node a partition belongs to is decided by rendezvous
 * hashing over the live nodes, so every node computes the same answer and a node joining or leaving moves only
 * its own share.
 *
 * <p>Taking a lease raises its epoch. A worker commits only after {@link #fence} found its partitions still held
 * at the epoch it read them under, and that check holds the lease rows until the commit ends: a node that stalled
 * past its lease (a long pause, a lost network) fails its late commit instead of writing over the new owner's work.
 * The new owner continues from the last committed offset.
 */
public final class PartitionLeases implements Ownership {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLeases.class);

    private final Store store;
    private final InstantSource clock;
    private final String node;
    private final Duration ttl;
    private final int partitions;
    private final Map<Integer, Long> held = new ConcurrentHashMap<>();

    /**
     * @param node this node's id, unique in the cluster and stable for its life
     * @param ttl how long a lease lasts unrenewed; renew (tick) several times within it
     */
    public PartitionLeases(Store store, InstantSource clock, String node, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.node = node;
        this.ttl = ttl;
        this.partitions = store.partitions().count();
        store.write(h -> {
            List<Object[]> rows = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                rows.add(new Object[] {p});
            }
            Sql.batch(
                    h.getConnection(),
                    "INSERT INTO partition_leases (partition, owner, epoch, expires_at) VALUES (?, NULL, 0, 0)"
                            + " ON CONFLICT (partition) DO NOTHING",
                    rows);
            return null;
        });
    }

    public String node() {
        return node;
    }

    @Override
    public Map<Integer, Long> owned() {
        return Collections.unmodifiableMap(new TreeMap<>(held));
    }

    /** The part of this node's partitions one of its workers takes: those the predicate accepts. */
    public Ownership share(IntPredicate mine) {
        return new Ownership() {
            @Override
            public Map<Integer, Long> owned() {
                Map<Integer, Long> out = new TreeMap<>();
                held.forEach((p, e) -> {
                    if (mine.test(p)) {
                        out.put(p, e);
                    }
                });
                return out;
            }

            @Override
            public void fence(Connection c, Map<Integer, Long> which) throws SQLException {
                PartitionLeases.this.fence(c, which);
            }
        };
    }

    /** One heartbeat: be seen alive, renew, hand over, take. Returns how many leases changed hands here. */
    public synchronized int tick() {
        Instant now = clock.instant();
        long until = now.plus(ttl).toEpochMilli();
        return store.write(h -> {
            Connection c = h.getConnection();
            Sql.update(
                    c,
                    "INSERT INTO cluster_nodes (node_id, heartbeat_at, started_at) VALUES (?, ?, ?)"
                            + " ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
                    node,
                    now,
                    now);
            List<String> live = liveNodes(c, now);
            Map<Integer, Lease> leases = leases(c);
            int moved = 0;
            for (int p = 0; p < partitions; p++) {
                Lease lease = leases.get(p);
                boolean mine = node.equals(owner(p, live));
                boolean holding = node.equals(lease.owner()) && lease.expiresAt() >= now.toEpochMilli();
                if (holding && mine) {
                    renew(c, p, lease.epoch(), until);
                } else if (holding) {
                    release(c, p, lease.epoch());
                    moved++;
                } else if (mine && (lease.owner() == null || lease.expiresAt() < now.toEpochMilli())) {
                    take(c, p, lease.epoch(), until);
                    moved++;
                } else {
                    held.remove(p);
                }
            }
            return moved;
        });
    }

    /** Lets go of every lease this node holds (a graceful stop), so that others take them at once. */
    public synchronized void releaseAll() {
        store.write(h -> {
            Sql.update(h.getConnection(), "UPDATE partition_leases SET expires_at = 0 WHERE owner = ?", node);
            Sql.update(h.getConnection(), "DELETE FROM cluster_nodes WHERE node_id = ?", node);
            return null;
        });
        held.clear();
    }

    @Override
    public void fence(Connection c, Map<Integer, Long> which) throws SQLException {
        if (which.isEmpty()) {
            return;
        }
        Set<Integer> lost = new TreeSet<>(which.keySet());
        Object[] params = which.keySet().toArray();
        try (PreparedStatement st = c.prepareStatement("SELECT partition, owner, epoch FROM partition_leases"
                + " WHERE partition IN (" + Sql.marks(params.length) + ")" + shareLock(store.dialect()))) {
            Sql.bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (node.equals(rs.getString(2)) && rs.getLong(3) == which.get(rs.getInt(1))) {
                        lost.remove(rs.getInt(1));
                    }
                }
            }
        }
        if (!lost.isEmpty()) {
            lost.forEach(held::remove);
            throw new Fenced("node " + node + " no longer holds partitions " + lost + " at the epochs it read them");
        }
    }

    private static String shareLock(Dialect dialect) {
        return dialect == Dialect.POSTGRES ? " FOR SHARE" : "";
    }

    /** The live node a partition belongs to: the highest rendezvous weight, ties to the smaller id. */
    static String owner(int partition, List<String> live) {
        String best = null;
        long bestWeight = 0;
        for (String n : live) {
            long w = StableHash.of(n + "/" + partition);
            if (best == null || w > bestWeight || (w == bestWeight && n.compareTo(best) < 0)) {
                best = n;
                bestWeight = w;
            }
        }
        return best;
    }

    private List<String> liveNodes(Connection c, Instant now) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st =
                c.prepareStatement("SELECT node_id FROM cluster_nodes WHERE heartbeat_at >= ? ORDER BY node_id")) {
            Sql.bind(st, now.minus(ttl).toEpochMilli());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private record Lease(String owner, long epoch, long expiresAt) {}

    private Map<Integer, Lease> leases(Connection c) throws SQLException {
        Map<Integer, Lease> out = new TreeMap<>();
        try (PreparedStatement st =
                        c.prepareStatement("SELECT partition, owner, epoch, expires_at FROM partition_leases");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getInt(1), new Lease(rs.getString(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return out;
    }

    private void renew(Connection c, int p, long epoch, long until) throws SQLException {
        int n = Sql.update(
                c,
                "UPDATE partition_leases SET expires_at = ? WHERE partition = ? AND owner = ? AND epoch = ?",
                until,
                p,
                node,
                epoch);
        if (n == 1) {
            held.put(p, epoch);
        } else {
            held.remove(p);
        }
    }

    private void release(Connection c, int p, long epoch) throws SQLException {
        held.remove(p); // workers stop taking it now; a batch still committing holds the lease row until it ends
        Sql.update(
                c,
                "UPDATE partition_leases SET expires_at = 0 WHERE partition = ? AND owner = ? AND epoch = ?",
                p,
                node,
                epoch);
        LOG.info("node {} hands partition {} over", node, p);
    }

    private void take(Connection c, int p, long epoch, long until) throws SQLException {
        int n = Sql.update(
                c,
                "UPDATE partition_leases SET owner = ?, epoch = ?, expires_at = ? WHERE partition = ? AND epoch = ?",
                node,
                epoch + 1,
                until,
                p,
                epoch);
        if (n == 1) {
            held.put(p, epoch + 1);
            LOG.info("node {} takes partition {} at epoch {}", node, p, epoch + 1);
        }
    }
}
