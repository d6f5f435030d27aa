package dev.threshold.server.cli;

import dev.threshold.runtime.store.StoreConfig;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that say which store a command works on. */
public final class StoreOptions {
    @Option(
            names = "--store",
            paramLabel = "KIND",
            defaultValue = "sqlite",
            description = "sqlite (the default, one file) or postgres")
    String kind;

    @Option(
            names = "--db",
            paramLabel = "FILE|URL",
            description = "the SQLite file (default .threshold/threshold.db) or the PostgreSQL JDBC URL"
                    + " (default jdbc:postgresql://127.0.0.1:5432/threshold)")
    String where;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "64", description = "partitions (default 64)")
    int partitions;

    StoreConfig config() {
        return StoreConfig.of(kind, Optional.ofNullable(where)).withPartitions(partitions);
    }
}
