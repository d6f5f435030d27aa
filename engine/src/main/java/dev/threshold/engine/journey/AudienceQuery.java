package dev.threshold.engine.journey;

import dev.threshold.engine.expr.Condition;
import dev.threshold.engine.time.Span;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who a fan-out trigger reaches, in terms a store can answer with an index: contacts of some roles, in
 * the event's community (or anywhere), inactive for a while, whose stated preferences compare to values
 * taken from the event.
 */
public record AudienceQuery(Set<String> roles, Scope scope, Optional<Span> inactiveFor, List<Criterion> where) {

    /** Which communities the audience is drawn from. */
    public enum Scope {
        COMMUNITY,
        PORTFOLIO,
        ANY
    }

    /** How a preference compares to the value. */
    public enum Op {
        EQ,
        GTE,
        LTE
    }

    /** {@code preferences.<preference> <op> <value from the event>}. */
    public record Criterion(String preference, Op op, Condition value) {}

    public AudienceQuery {
        roles = Set.copyOf(roles);
        where = List.copyOf(where);
    }
}
