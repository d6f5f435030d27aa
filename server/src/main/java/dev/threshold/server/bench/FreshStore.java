package dev.threshold.server.bench;

import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.PostgresStore;
import dev.threshold.runtime.store.SqliteStore;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.StoreConfig;
import dev.threshold.runtime.store.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store of its own for one benchmark run, removed afterwards: a new SQLite file in a work folder, or a new
 * PostgreSQL database on the server of a base URL ({@code jdbc:postgresql://127.0.0.1:5432/}), created through
 * its {@code postgres} database and dropped when the run closes.
 */
public final class FreshStore implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Store store;
    private final Runnable cleanUp;
    private final String kind;
    private java.util.concurrent.ScheduledExecutorService analyzer;

    private FreshStore(Store store, String kind, Runnable cleanUp) {
        this.store = store;
        this.kind = kind;
        this.cleanUp = cleanUp;
    }

    public static FreshStore sqlite(Path workFolder) {
        try {
            Files.createDirectories(workFolder);
            Path file = workFolder.resolve(
                    "bench-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + ".db");
            Store s = Stores.open(StoreConfig.sqlite(file));
            return new FreshStore(s, "SQLite", () -> {
                for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                    try {
                        Files.deleteIfExists(Path.of(file + suffix));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the benchmark folder " + workFolder, e);
        }
    }

    /** @param baseUrl a PostgreSQL JDBC URL whose database part is ignored, e.g. jdbc:postgresql://127.0.0.1:5432/ */
    public static FreshStore postgres(String baseUrl, String user) {
        if (!baseUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(
                    "--pg-url '" + baseUrl + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/)");
        }
        String server = serverPart(baseUrl);
        String name = "threshold_bench_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        admin(server, user, "CREATE DATABASE " + name);
        try {
            Store s = Stores.open(StoreConfig.postgres(server + name, user, ""));
            FreshStore fresh = new FreshStore(
                    s, "PostgreSQL", () -> admin(server, user, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
            fresh.standInForAutovacuum();
            return fresh;
        } catch (RuntimeException e) {
            admin(server, user, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            throw e;
        }
    }

    /**
     * On a server whose autovacuum is off (this project's CI and benchmark machine runs PostgreSQL so), analyzes
     * the database every 15 seconds while the run lasts, as autovacuum's analyze would on a server in service.
     * Without it a run that grows a table a hundredfold keeps the plans of the empty table: a batch query for
     * 2,000 contacts read a million index entries (a second per query) instead of 2,000.
     */
    private void standInForAutovacuum() {
        if (!(store instanceof PostgresStore pg) || pg.autovacuumOn()) {
            return;
        }
        analyzer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("bench-analyze").daemon(true).unstarted(r));
        analyzer.scheduleWithFixedDelay(
                () -> {
                    try {
                        analyze();
                    } catch (RuntimeException e) {
                        // the store is closing: the run is over
                    }
                },
                15,
                15,
                java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Whether this run analyzes the database itself, standing in for the server's autovacuum, which is off. */
    public boolean analyzesItself() {
        return analyzer != null;
    }

    /**
     * Brings the planner's statistics up to date, as autovacuum does on a running server within a minute or so
     * of a table growing. A benchmark fills tables from empty in seconds and measures at once: without this its
     * first minute runs on plans made for empty tables (sequential scans), which a server in service never has.
     */
    public void analyze() {
        if (store.dialect() != Dialect.POSTGRES) {
            return;
        }
        store.write(h -> {
            try (Statement st = h.getConnection().createStatement()) {
                st.execute("ANALYZE");
            }
            return null;
        });
    }

    /** {@code jdbc:postgresql://host:port/} from a URL with or without a database and parameters. */
    static String serverPart(String url) {
        String rest = url.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        return "jdbc:postgresql://" + (slash < 0 ? rest : rest.substring(0, slash)) + "/";
    }

    private static void admin(String server, String user, String sql) {
        try (Connection c = DriverManager.getConnection(server + "postgres", user, "");
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + server + " (user " + user + "): '" + sql + "' failed: " + e.getMessage()
                            + " (start the server, or pass --stores sqlite)",
                    e);
        }
    }

    public Store store() {
        return store;
    }

    /** SQLite or PostgreSQL. */
    public String kind() {
        return kind;
    }

    /** Bytes on disk now (SQLite: after a WAL checkpoint, so the file holds everything). */
    public long sizeOnDisk() {
        if (store instanceof SqliteStore sqlite) {
            sqlite.checkpoint();
        }
        return store.sizeOnDisk();
    }

    @Override
    public void close() {
        if (analyzer != null) {
            analyzer.shutdownNow();
        }
        try {
            store.close();
        } finally {
            cleanUp.run();
        }
    }
}
