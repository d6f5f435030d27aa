package dev.threshold.runtime.support;

import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.StoreConfig;
import dev.threshold.runtime.store.Stores;
import java.nio.file.Path;

/** A fresh store of either kind for one test: a SQLite file in a temporary folder, or a new PostgreSQL database. */
public final class TestStore implements AutoCloseable {
    private final Store store;
    private final String pgUrl;

    private TestStore(Store store, String pgUrl) {
        this.store = store;
        this.pgUrl = pgUrl;
    }

    public static TestStore open(Dialect dialect, Path dir) {
        return switch (dialect) {
            case SQLITE -> new TestStore(Stores.open(StoreConfig.sqlite(dir.resolve("threshold.db"))), null);
            case POSTGRES -> {
                String url = Postgres.createDatabase();
                yield new TestStore(Stores.open(StoreConfig.postgres(url, "postgres", "")), url);
            }
        };
    }

    public Store store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
        if (pgUrl != null) {
            Postgres.dropDatabase(pgUrl);
        }
    }
}
