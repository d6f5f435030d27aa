package dev.threshold.engine.core;

import dev.threshold.engine.event.Event;

/** What the engine reacts to: an event, a timer that fell due, or a command from a person. */
public sealed interface Input {

    /** An event about the contact (or addressed to one of its journeys). */
    record EventReceived(Event event) implements Input {}

    /** A timer fell due. */
    record TimerFired(Timer timer) implements Input {}

    /** A person acting on one instance. */
    record Command(Kind kind, String instance, String by, String note) implements Input {
        /** The commands. */
        public enum Kind {
            /** End the instance. */
            CANCEL,
            /** Hold the instance: no steps, timers held until resumed. */
            PAUSE,
            /** Continue a paused instance, applying the timers it held. */
            RESUME,
            /** A staff member takes the person over; the journey's takeover setting decides what follows. */
            TAKEOVER
        }
    }
}
