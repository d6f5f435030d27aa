package dev.threshold.runtime.store;

/** The store failed: the database is unreachable, a statement failed, a migration is missing. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
