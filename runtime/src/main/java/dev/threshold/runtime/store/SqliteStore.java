package dev.threshold.runtime.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL}, so a committed transaction
 * survives a power cut. All writes go through one connection and one thread that group-commits them; reads
 * use a small pool of other connections, which WAL lets run beside the writer.
 */
public final class SqliteStore implements Store {
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final long MMAP_BYTES = 1L << 30;

    private final Path file;
    private final Partitions partitions;
    private final Handle writerHandle;
    private final GroupCommit writer;
    private final HikariDataSource readers;
    private final Jdbi readJdbi;

    private SqliteStore(Path file, Partitions partitions) {
        this.file = file;
        this.partitions = partitions;
        SQLiteDataSource writes = dataSource(file, false);
        Migrations.migrate(writes, Dialect.SQLITE);
        try {
            this.writerHandle = Jdbi.create(writes).open();
        } catch (RuntimeException e) {
            throw new StoreException("cannot open " + file + " for writing", e);
        }
        this.writer = new GroupCommit("sqlite-writer", writerHandle);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(dataSource(file, true));
        pool.setMaximumPoolSize(3);
        pool.setPoolName("sqlite-readers");
        pool.setReadOnly(true);
        this.readers = new HikariDataSource(pool);
        this.readJdbi = Jdbi.create(readers);
    }

    static SqliteStore open(StoreConfig config) {
        Path file = Path.of(config.url().substring("jdbc:sqlite:".length()));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of " + file, e);
        }
        return new SqliteStore(file, new Partitions(config.partitions()));
    }

    private static SQLiteDataSource dataSource(Path file, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-64_000); // 64 MB of page cache per connection
        // Pages read through a memory map: a reader's own cache is reset whenever the writer has committed,
        // which is nearly always, and mapped pages cost no system call to read again.
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(MMAP_BYTES));
        config.setReadOnly(readOnly);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public Partitions partitions() {
        return partitions;
    }

    @Override
    public <T> T write(Transaction<T> work) {
        return await(writer.submit(work));
    }

    @Override
    public <T> CompletableFuture<T> submit(Transaction<T> work) {
        return writer.submit(work);
    }

    @Override
    public <T> T read(Transaction<T> work) {
        try (Handle h = readJdbi.open()) {
            return work.run(h);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("a read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long sizeOnDisk() {
        long total = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path p = Path.of(file + suffix);
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                throw new StoreException("cannot measure " + p, e);
            }
        }
        return total;
    }

    /** Folds the write-ahead log into the database file, so its size says what the data takes. */
    public void checkpoint() {
        try (var c = dataSource(file, false).getConnection();
                var st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new StoreException("cannot checkpoint " + file, e);
        }
    }

    @Override
    public String describe() {
        return "SQLite " + file;
    }

    @Override
    public void close() {
        writer.close();
        readers.close();
        try {
            writerHandle.getConnection().close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + file, e);
        }
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException("a write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
