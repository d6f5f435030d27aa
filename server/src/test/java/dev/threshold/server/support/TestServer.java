package dev.threshold.server.support;

import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.StoreConfig;
import dev.threshold.runtime.support.Postgres;
import dev.threshold.runtime.time.SettableClock;
import dev.threshold.server.auth.Role;
import dev.threshold.server.config.ConfigLoader;
import dev.threshold.server.config.ServerConfig;
import dev.threshold.server.serve.ThresholdService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A real {@code threshold serve} for a test: the HTTP server on a free port over a fresh SQLite file or PostgreSQL
 * database, on a settable clock, with the runtime's workers driven by the test ({@link #process()}) so what a
 * request starts has happened before the next assertion, without sleeping.
 */
public final class TestServer implements AutoCloseable {
    public static final Instant START = Instant.parse("2027-03-01T16:00:00Z");

    private final ThresholdService service;
    private final SettableClock clock;
    private final Optional<String> pgUrl;
    private final Http http;

    private TestServer(ThresholdService service, SettableClock clock, Optional<String> pgUrl) {
        this.service = service;
        this.clock = clock;
        this.pgUrl = pgUrl;
        this.http = new Http(service.port());
    }

    public static TestServer start(Dialect dialect, Path dir) {
        return start(dialect, dir, Map.of());
    }

    /** Starts with settings overridden as environment variables ({@code THRESHOLD_LIMITS_RATE_BURST}…). */
    public static TestServer start(Dialect dialect, Path dir, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(Map.of(
                "THRESHOLD_SERVER_PORT", "0",
                "THRESHOLD_DATA_DIR", dir.toString(),
                "THRESHOLD_LIMITS_RATE_PER_SECOND", "100000",
                "THRESHOLD_LIMITS_RATE_BURST", "1000000"));
        env.putAll(settings);
        ServerConfig config = ConfigLoader.load(Optional.empty(), env);
        Optional<String> pg = Optional.empty();
        if (dialect == Dialect.POSTGRES) {
            pg = Optional.of(Postgres.createDatabase());
            StoreConfig s = StoreConfig.postgres(pg.get(), "postgres", "");
            config = new ServerConfig(
                    config.dataDir(),
                    config.http(),
                    s,
                    config.runtime(),
                    config.limits(),
                    config.webhooks(),
                    config.cluster(),
                    config.stream(),
                    config.channels());
        }
        SettableClock clock = new SettableClock(START);
        Path library = Path.of(System.getProperty("threshold.root"), "journeys");
        return new TestServer(ThresholdService.start(config, clock, false, library), clock, pg);
    }

    public Http http() {
        return http;
    }

    public SettableClock clock() {
        return clock;
    }

    public ThresholdService service() {
        return service;
    }

    /** Creates an API key and returns it. */
    public String key(String tenant, Role role, String... communities) {
        return service.keys()
                .create(tenant, role.id() + " key", role, Set.of(communities))
                .key();
    }

    /** Runs the runtime until nothing is left to do at the clock's time. */
    public void process() {
        service.runtime().runUntilIdle();
    }

    @Override
    public void close() {
        service.close();
        pgUrl.ifPresent(Postgres::dropDatabase);
    }
}
