package dev.threshold.runtime.cluster;

import java.sql.Connection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Partitions owned for good: a node alone on its store, or one worker's share of such a node's partitions. */
public final class FixedOwnership implements Ownership {
    private final Map<Integer, Long> owned;

    public FixedOwnership(Set<Integer> partitions) {
        Map<Integer, Long> m = new TreeMap<>();
        partitions.forEach(p -> m.put(p, 0L));
        this.owned = Collections.unmodifiableMap(m);
    }

    /** Every partition from 0 to {@code count - 1}. */
    public static FixedOwnership all(int count) {
        Set<Integer> all = new java.util.TreeSet<>();
        for (int p = 0; p < count; p++) {
            all.add(p);
        }
        return new FixedOwnership(all);
    }

    @Override
    public Map<Integer, Long> owned() {
        return owned;
    }

    @Override
    public void fence(Connection c, Map<Integer, Long> held) {
        // nobody else can take them
    }
}
