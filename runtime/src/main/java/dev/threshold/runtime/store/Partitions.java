package dev.threshold.runtime.store;

import dev.threshold.engine.core.StableHash;

/**
 * How contacts spread over partitions: {@code StableHash.bucket(tenant + "/" + contact, count)}. Every input
 * of one contact lands in one partition and is processed there in order.
 */
public record Partitions(int count) {
    public static final int DEFAULT = 64;

    public Partitions {
        if (count < 1 || count > 4096) {
            throw new IllegalArgumentException("partitions must be between 1 and 4096, not " + count);
        }
    }

    public int of(String tenant, String contact) {
        return StableHash.bucket(tenant + "/" + contact, count);
    }

    /** The partition of an input about no one (an event about a unit, fanned out later): by its key. */
    public int ofUnaddressed(String tenant, String eventKey) {
        return StableHash.bucket(tenant + "/~" + eventKey, count);
    }
}
