package dev.threshold.engine.core;

/** Where an instance of a journey stands. */
public enum Status {
    /** Running its steps (or waiting inside one). */
    ACTIVE,
    /** Paused by a person who took over, or by a command; timers that fall due are held. */
    PAUSED,
    /** All steps done, the goal not reached yet, its window still open. */
    AWAITING_GOAL,
    /** In a split's holdout: no steps, only watched for the goal, to measure lift. */
    HOLDOUT,
    /** The goal was reached. */
    COMPLETED,
    /** Left early: an exit event, an exit step, a person who ended it. */
    EXITED,
    /** Ran out of steps (and of goal window) without reaching the goal. */
    ENDED,
    /** Cancelled by a command. */
    CANCELLED,
    /** Stopped by an error in the journey or its data; recorded with the cause. */
    FAILED;

    public boolean isTerminal() {
        return switch (this) {
            case ACTIVE, PAUSED, AWAITING_GOAL, HOLDOUT -> false;
            default -> true;
        };
    }
}
