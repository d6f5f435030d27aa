package dev.threshold.runtime.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Which partitions a worker may process, and the proof that it still may when it commits. A node alone owns
 * every partition for good ({@link FixedOwnership}); nodes sharing one PostgreSQL database hold partitions by
 * lease ({@link PartitionLeases}), and a lease taken over by another node fences the old owner's late commit.
 */
public interface Ownership {

    /** The partitions owned now, each with the epoch of its lease (0 when partitions are not leased). */
    Map<Integer, Long> owned();

    /**
     * Inside a worker's write transaction, before it commits what it did for these partitions: checks that each is
     * still held at the epoch the worker read it under, and keeps the leases from moving until the transaction
     * ends.
     *
     * @throws Fenced when one of them moved to another node or another epoch; the transaction must roll back
     */
    void fence(Connection c, Map<Integer, Long> held) throws SQLException;

    /** A commit refused because a partition's lease moved on: another node now processes it. */
    final class Fenced extends RuntimeException {
        public Fenced(String message) {
            super(message);
        }
    }
}
