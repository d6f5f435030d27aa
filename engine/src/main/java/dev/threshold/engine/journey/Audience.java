package dev.threshold.engine.journey;

import dev.threshold.engine.expr.Condition;
import java.util.Optional;
import java.util.Set;

/** Who a journey is for: contacts holding one of these roles, and meeting a condition if given. */
public record Audience(Set<String> roles, Optional<Condition> when) {
    public Audience {
        roles = Set.copyOf(roles);
    }

    public static Audience anyone() {
        return new Audience(Set.of(), Optional.empty());
    }
}
