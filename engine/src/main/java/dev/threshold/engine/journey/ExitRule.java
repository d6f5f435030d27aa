package dev.threshold.engine.journey;

import dev.threshold.engine.expr.Condition;
import java.util.Optional;

/** An event that ends the journey early, and the barrier it stands for (price, opted out, no answer…). */
public record ExitRule(String event, Optional<Condition> when, Optional<String> barrier) {}
