package dev.threshold.engine.core;

import java.nio.charset.StandardCharsets;

/**
 * The engine's only source of "randomness": a stable 64-bit FNV-1a hash of ids, so an A/B split puts a
 * person in the same variant on every replay, on every node.
 */
public final class StableHash {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private StableHash() {}

    public static long of(String text) {
        long h = OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= PRIME;
        }
        // finalise (splitmix64) so that nearby inputs spread over all buckets
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** A bucket in {@code [0, buckets)}. */
    public static int bucket(String text, int buckets) {
        return (int) Math.floorMod(of(text), (long) buckets);
    }
}
