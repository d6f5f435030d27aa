package dev.threshold.runtime.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

/**
 * The shared store: PostgreSQL through a HikariCP pool, with batched inserts rewritten into multi-row ones
 * ({@code reWriteBatchedInserts}). Ingest goes through a group-commit lane on its own connection; workers
 * and the dispatcher write on pooled connections. Appends to the event log take a transaction-scoped lock at the
 * end of their transaction ({@code InputLog.append}), so sequence numbers become visible in order.
 */
public final class PostgresStore implements Store {
    private final String url;
    private final Partitions partitions;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private static final java.util.concurrent.atomic.AtomicBoolean AUTOVACUUM_WARNED =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final Handle laneHandle;
    private final GroupCommit lane;

    private PostgresStore(StoreConfig config) {
        this.url = config.url();
        this.partitions = new Partitions(config.partitions());
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.url());
        hc.setUsername(config.user());
        hc.setPassword(config.password());
        hc.setMaximumPoolSize(Math.max(3, config.pool()));
        hc.setPoolName("threshold-postgres");
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        // the batch queries bind hundreds of ids; a plan made for the values beats a generic one
        hc.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan");
        hc.setAutoCommit(true);
        try {
            this.pool = new HikariDataSource(hc);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreException(
                    "cannot connect to PostgreSQL at " + config.url() + ": "
                            + (e.getCause() == null
                                    ? e.getMessage()
                                    : e.getCause().getMessage()),
                    e);
        }
        Migrations.migrate(pool, Dialect.POSTGRES);
        this.jdbi = Jdbi.create(pool);
        warnWithoutAutovacuum();
        this.laneHandle = jdbi.open();
        this.lane = new GroupCommit("postgres-ingest", laneHandle);
    }

    /**
     * Threshold's tables grow by millions of rows and churn (outbox, timers, instances): without autovacuum their
     * dead rows stay and their planner statistics go stale, and queries planned for a table a hundredth of its
     * size scan all of it. Said once per process, at start, where the operator looks.
     */
    private void warnWithoutAutovacuum() {
        if (AUTOVACUUM_WARNED.get()) {
            return;
        }
        if (!autovacuumOn() && AUTOVACUUM_WARNED.compareAndSet(false, true)) {
            LoggerFactory.getLogger(PostgresStore.class)
                    .warn(
                            "autovacuum is off on {}: dead rows will not be reclaimed and planner statistics will"
                                    + " go stale as the tables grow; turn it on (autovacuum = on in"
                                    + " postgresql.conf), or run VACUUM ANALYZE often (see docs/operations.md)",
                            url);
        }
    }

    /** Whether the server runs autovacuum, which keeps dead rows reclaimed and planner statistics current. */
    public boolean autovacuumOn() {
        return "on"
                .equals(jdbi.withHandle(h -> h.createQuery("SELECT current_setting('autovacuum')")
                        .mapTo(String.class)
                        .one()));
    }

    static PostgresStore open(StoreConfig config) {
        return new PostgresStore(config);
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRES;
    }

    @Override
    public Partitions partitions() {
        return partitions;
    }

    @Override
    public <T> T write(Transaction<T> work) {
        try (Handle h = jdbi.open()) {
            return h.inTransaction(tx -> {
                try {
                    return work.run(tx);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new StoreException("a write failed: " + e.getMessage(), e);
                }
            });
        }
    }

    @Override
    public <T> CompletableFuture<T> submit(Transaction<T> work) {
        return lane.submit(work);
    }

    @Override
    public <T> T read(Transaction<T> work) {
        try (Handle h = jdbi.open()) {
            return work.run(h);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("a read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long sizeOnDisk() {
        return read(h -> h.createQuery("SELECT pg_database_size(current_database())")
                .mapTo(Long.class)
                .one());
    }

    @Override
    public String describe() {
        return "PostgreSQL " + url;
    }

    @Override
    public void close() {
        lane.close();
        laneHandle.close();
        pool.close();
    }
}
