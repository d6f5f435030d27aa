package dev.threshold.runtime.time;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until it is moved: for tests, simulations and benchmarks that must decide when
 * time passes (a year of renewals, a million timers falling due at once). It never moves backwards.
 */
public final class SettableClock implements InstantSource {
    private final AtomicReference<Instant> now;

    public SettableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** Moves to {@code to}, or stays when that is earlier than now. */
    public void moveTo(Instant to) {
        now.accumulateAndGet(to, (a, b) -> b.isAfter(a) ? b : a);
    }

    public void advance(Duration by) {
        now.updateAndGet(a -> a.plus(by));
    }
}
