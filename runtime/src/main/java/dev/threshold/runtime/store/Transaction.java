package dev.threshold.runtime.store;

import org.jdbi.v3.core.Handle;

/** Work done inside one database transaction; its result is returned once the transaction committed. */
@FunctionalInterface
public interface Transaction<T> {
    T run(Handle handle) throws Exception;
}
