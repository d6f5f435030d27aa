package dev.threshold.engine.action;

/** An action could not produce a result (missing data, a policy that does not apply). */
public final class ActionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ActionException(String message) {
        super(message);
    }
}
