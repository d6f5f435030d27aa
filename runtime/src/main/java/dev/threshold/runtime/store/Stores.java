package dev.threshold.runtime.store;

/** Opens the store a configuration names, migrated to the current schema. */
public final class Stores {
    private Stores() {}

    public static Store open(StoreConfig config) {
        return switch (config.dialect()) {
            case SQLITE -> SqliteStore.open(config);
            case POSTGRES -> PostgresStore.open(config);
        };
    }
}
