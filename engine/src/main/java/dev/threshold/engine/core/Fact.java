package dev.threshold.engine.core;

import dev.threshold.engine.expr.Values;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A fact for analytics and for "why" answers: a person entered or did not enter (and why), reached or
 * left a stage (how long they stayed, which barrier), reached the goal, left, was handed off.
 */
public record Fact(
        Kind kind,
        Instant at,
        String journey,
        int version,
        String instance,
        String contact,
        Optional<String> community,
        Optional<String> stage,
        Optional<String> step,
        Map<String, Object> detail) {

    /** What a fact records. */
    public enum Kind {
        ENTERED,
        NOT_ENTERED,
        ENTRY_PLANNED,
        STAGE_ENTERED,
        STAGE_LEFT,
        STEP,
        SPLIT,
        GOAL,
        COMPLETED,
        EXITED,
        ENDED,
        CANCELLED,
        FAILED,
        HANDOFF,
        PAUSED,
        RESUMED,
        TAKEN_OVER,
        TASK_ESCALATED,
        MIGRATED
    }

    public Fact {
        detail = Values.frozen(detail);
    }

    /** A detail as text, or empty. */
    public Optional<String> text(String name) {
        return Optional.ofNullable(detail.get(name)).map(Object::toString);
    }
}
