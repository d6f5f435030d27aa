package dev.threshold.domain.importing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an import would do, counted by kind of record: how many it creates, updates and finds unchanged. A
 * re-import of the same file counts everything unchanged.
 */
public final class Tally {
    /** The counts for one kind of record. */
    public record Counts(int created, int updated, int unchanged) {}

    private final Map<String, int[]> counts = new LinkedHashMap<>();

    /** Counts one record of a kind against what was stored before. */
    public <T> boolean count(String kind, Optional<T> before, T after) {
        int[] c = counts.computeIfAbsent(kind, k -> new int[3]);
        if (before.isEmpty()) {
            c[0]++;
            return true;
        }
        if (!before.get().equals(after)) {
            c[1]++;
            return true;
        }
        c[2]++;
        return false;
    }

    public Map<String, Counts> counts() {
        Map<String, Counts> out = new LinkedHashMap<>();
        counts.forEach((k, c) -> out.put(k, new Counts(c[0], c[1], c[2])));
        return out;
    }
}
