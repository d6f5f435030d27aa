package dev.threshold.engine.core;

import java.time.Instant;

/** A task an instance created that is not done yet. */
public record OpenTask(String key, String step, String role, Instant due, boolean escalated) {}
