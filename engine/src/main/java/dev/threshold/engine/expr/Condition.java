package dev.threshold.engine.expr;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.Set;

/**
 * A compiled CEL expression of a journey: a condition ({@code event.score <= 6}) or a value
 * ({@code event.rent * 12}). Compiled and type-checked once, when the journey is loaded; evaluating it
 * reads only the variables it is given.
 */
public final class Condition {
    private final String source;
    private final CelRuntime.Program program;
    private final Set<String> names;

    Condition(String source, CelRuntime.Program program, Set<String> names) {
        this.source = source;
        this.program = program;
        this.names = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(names));
    }

    /** The expression as written in the journey. */
    public String source() {
        return source;
    }

    /** Every identifier, field name and string constant the expression mentions (for the Fair Housing lint). */
    public Set<String> names() {
        return names;
    }

    public Object evaluate(Map<String, Object> variables) {
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            throw new ExpressionException("'" + source + "' failed: " + e.getMessage(), e);
        }
    }

    /** Evaluates a condition; anything but {@code true} is false. */
    public boolean test(Map<String, Object> variables) {
        return Boolean.TRUE.equals(evaluate(variables));
    }

    @Override
    public String toString() {
        return source;
    }
}
