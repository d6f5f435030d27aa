package dev.threshold.runtime.store;

import java.util.concurrent.CompletableFuture;

/**
 * Where the runtime keeps everything: SQLite (one file, the embedded default) or PostgreSQL, behind the same
 * schema and the same calls. Writes run in transactions; {@link #submit} shares one commit among every job
 * waiting at that moment (group commit), and completes only once the commit is durable.
 *
 * <pre>{@code
 * try (Store store = Stores.open(StoreConfig.sqlite(Path.of("threshold.db")))) {
 *     long n = store.read(h -> h.createQuery("SELECT COUNT(*) FROM event_log").mapTo(Long.class).one());
 * }
 * }</pre>
 */
public interface Store extends AutoCloseable {

    Dialect dialect();

    Partitions partitions();

    /** Runs work in its own transaction and returns once it committed durably. */
    <T> T write(Transaction<T> work);

    /** Queues work for the next group commit; the future completes when that commit is durable. */
    <T> CompletableFuture<T> submit(Transaction<T> work);

    /** Runs read-only work on a consistent snapshot. */
    <T> T read(Transaction<T> work);

    /** Bytes the store takes on disk (the database files, or the PostgreSQL database). */
    long sizeOnDisk();

    /** A short description for logs and benchmarks: the dialect and where. */
    String describe();

    @Override
    void close();
}
