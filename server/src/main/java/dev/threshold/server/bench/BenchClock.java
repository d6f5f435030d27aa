package dev.threshold.server.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wall clock, shifted to start at a chosen moment and able to jump ahead: to make a wait of hours or days
 * fall due at once. A benchmark starting at 10:00 in its residents' timezone keeps its messages out of quiet
 * hours whatever the time of day it runs.
 */
public final class BenchClock implements InstantSource {
    private final AtomicLong offsetMs = new AtomicLong();
    private final Clock wall = Clock.systemUTC();

    /** The wall clock itself. */
    public BenchClock() {}

    /** Reads {@code start} now, and moves on with the wall clock. */
    public BenchClock(Instant start) {
        offsetMs.set(start.toEpochMilli() - wall.millis());
    }

    @Override
    public Instant instant() {
        return wall.instant().plusMillis(offsetMs.get());
    }

    public void skip(Duration d) {
        offsetMs.addAndGet(d.toMillis());
    }

    /** Reads {@code moment} now (later or earlier), and moves on with the wall clock from there. */
    public void moveTo(Instant moment) {
        offsetMs.set(moment.toEpochMilli() - wall.millis());
    }
}
