package dev.threshold.engine.journey;

import dev.threshold.engine.time.Span;
import java.util.Optional;

/**
 * When a person may enter a journey (again). Counted per instance key: per person, or per work order,
 * lease or application when the journey is keyed by one.
 *
 * @param reentry the policy
 * @param cooldown for {@link Reentry#AFTER}: the time since the last entry
 * @param handoffs whether other journeys may hand people to this one
 */
public record EntryRule(Reentry reentry, Optional<Span> cooldown, boolean handoffs) {

    /** Re-entry policies. */
    public enum Reentry {
        /** Never again for the same key. */
        ONCE,
        /** Only when no instance for the key is running (the default). */
        WHEN_DONE,
        /** When none is running and the cool-down since the last entry has passed. */
        AFTER,
        /** Every trigger starts an instance, even alongside a running one. */
        ALWAYS
    }

    public static EntryRule defaults() {
        return new EntryRule(Reentry.WHEN_DONE, Optional.empty(), true);
    }
}
