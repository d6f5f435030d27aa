package dev.threshold.engine.core;

import dev.threshold.engine.expr.Values;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A moment the engine wants to hear about. Its id is deterministic, so scheduling the same id again
 * replaces the earlier one (a re-planned date), and a replay schedules nothing new.
 *
 * @param instance the instance it belongs to; empty for entry timers (a planned date trigger, a watch)
 * @param payload what the timer must carry to its moment (the event a date trigger was planned from)
 */
public record Timer(
        String id,
        String contact,
        Optional<String> instance,
        String journey,
        Kind kind,
        Instant due,
        Map<String, Object> payload) {

    /** What a timer is for. */
    public enum Kind {
        /** A step's wait, wait-until or wait-for timeout. */
        STEP,
        /** The end of the goal window. */
        GOAL_WINDOW,
        /** An open task's escalation. */
        ESCALATION,
        /** A date trigger's planned entry. */
        ENTRY_DATE,
        /** An absence trigger's watch: fires when the awaited event stayed away. */
        ENTRY_ABSENCE
    }

    public Timer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(due, "due");
        payload = Values.frozen(payload);
    }
}
