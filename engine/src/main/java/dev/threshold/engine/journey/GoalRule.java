package dev.threshold.engine.journey;

import dev.threshold.engine.expr.Condition;
import dev.threshold.engine.time.Span;
import java.util.List;
import java.util.Optional;

/**
 * The conversion a journey exists for: an event (or all, or any, of several), within a window after
 * entry, worth a value where one exists (the rent of a signed lease).
 *
 * @param all when true every listed event must happen; otherwise any one of them
 * @param continueAfter when true the journey's steps go on after the goal (they stop by default)
 */
public record GoalRule(
        List<Awaited> events,
        boolean all,
        Optional<Param<Span>> within,
        Optional<Condition> value,
        boolean continueAfter) {

    /** One event that counts toward the goal. */
    public record Awaited(String event, Optional<Condition> when) {}

    public GoalRule {
        events = List.copyOf(events);
    }
}
