package dev.threshold.runtime.outbox;

import dev.threshold.engine.core.StableHash;
import java.time.Duration;

/**
 * When to try a failed message again: exponential from {@code base}, capped at {@code max}, with jitter drawn
 * from a stable hash of the key and attempt (so a replay waits the same, and many messages failing together
 * spread out), and a dead letter after {@code maxAttempts}.
 */
public record Backoff(Duration base, Duration max, int maxAttempts) {
    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed");
        }
    }

    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(30), Duration.ofHours(6), 8);
    }

    /** The wait after attempt number {@code attempt} (1 for the first) failed: between half and all of the step. */
    public Duration delay(String key, int attempt) {
        long baseMs = base.toMillis();
        long step = attempt >= 40 ? max.toMillis() : Math.min(max.toMillis(), baseMs << Math.max(0, attempt - 1));
        int jitter = StableHash.bucket(key + "#" + attempt, 1000);
        return Duration.ofMillis(step / 2 + step * jitter / 2000);
    }
}
