package dev.threshold.engine.expr;

/** A condition or template that failed while it ran (a missing field, a wrong type in the data). */
public final class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
