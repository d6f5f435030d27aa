package dev.threshold.runtime.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which store to open and how.
 *
 * @param url a {@code jdbc:sqlite:} file or a {@code jdbc:postgresql:} URL
 * @param user and password: for PostgreSQL
 * @param pool connections in the PostgreSQL pool
 * @param partitions how many partitions contacts spread over (fixed for the life of a database)
 */
public record StoreConfig(String url, String user, String password, int pool, int partitions) {

    public StoreConfig {
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "'" + url + "' is not a store: expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
        }
        new Partitions(partitions);
    }

    public static StoreConfig sqlite(Path file) {
        return new StoreConfig("jdbc:sqlite:" + file.toAbsolutePath(), "", "", 1, Partitions.DEFAULT);
    }

    public static StoreConfig postgres(String url, String user, String password) {
        return new StoreConfig(url, user, password, 6, Partitions.DEFAULT);
    }

    /** From the command line's words: {@code sqlite} with a file, or {@code postgres} with a URL. */
    public static StoreConfig of(String kind, Optional<String> where) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> sqlite(Path.of(where.orElse(".threshold/threshold.db")));
            case "postgres", "postgresql" ->
                postgres(where.orElse("jdbc:postgresql://127.0.0.1:5432/threshold"), "postgres", "");
            default -> throw new IllegalArgumentException("unknown store '" + kind + "': expected sqlite or postgres");
        };
    }

    public StoreConfig withPartitions(int p) {
        return new StoreConfig(url, user, password, pool, p);
    }

    public StoreConfig withPool(int size) {
        return new StoreConfig(url, user, password, size, partitions);
    }

    public Dialect dialect() {
        return url.startsWith("jdbc:sqlite:") ? Dialect.SQLITE : Dialect.POSTGRES;
    }
}
