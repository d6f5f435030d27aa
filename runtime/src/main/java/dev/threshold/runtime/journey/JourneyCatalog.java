package dev.threshold.runtime.journey;

import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.core.Engine;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.engine.load.LoadException;
import dev.threshold.engine.load.Problem;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's published journeys, every version of each, with their switches and setting overrides per
 * community. Publishing checks a journey with the same loader as {@code threshold validate}; a version once
 * published never changes. Each tenant's engine is built from its stored versions and rebuilt on publish.
 *
 * <p>Switches and overrides are cached in this process and the cache is cleared when they change here; another
 * process changing them is seen after {@link #forget()}.
 */
public final class JourneyCatalog {
    private static final int CACHE_LIMIT = 10_000;

    private final Store store;
    private final InstantSource clock;
    private final JourneyLoader loader;
    private final ActionRegistry actions;
    private final Map<String, Engine> engines = new ConcurrentHashMap<>();
    private final Map<String, Boolean> switches = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> overrides = new ConcurrentHashMap<>();

    public JourneyCatalog(Store store, InstantSource clock, JourneyLoader loader, ActionRegistry actions) {
        this.store = store;
        this.clock = clock;
        this.loader = loader;
        this.actions = actions;
    }

    /**
     * Checks and publishes one journey document. Publishing the same version with the same text again is a
     * no-op; the same version with other text is refused: publish it as a new version.
     */
    public Journey publish(String tenant, String name, String yaml) throws LoadException {
        JourneyLoader.Loaded loaded = loader.load(name, yaml);
        if (!loaded.ok()) {
            throw new LoadException(
                    loaded.problems().stream().filter(Problem::isError).toList());
        }
        Journey journey = loaded.journey().get();
        Optional<String> existing = store.read(h -> h.createQuery(
                        "SELECT yaml FROM journey_versions WHERE tenant_id = :t AND journey_id = :j AND version = :v")
                .bind("t", tenant)
                .bind("j", journey.id())
                .bind("v", journey.version())
                .mapTo(String.class)
                .findOne());
        if (existing.isPresent() && !existing.get().equals(yaml)) {
            throw new LoadException(new Problem(
                    name,
                    1,
                    1,
                    Problem.Severity.ERROR,
                    journey.ref() + " is already published with other content; publish the change as version "
                            + (journey.version() + 1)));
        }
        if (existing.isEmpty()) {
            store.write(h -> Sql.update(
                    h.getConnection(),
                    "INSERT INTO journey_versions (tenant_id, journey_id, version, yaml, published_at)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    tenant,
                    journey.id(),
                    journey.version(),
                    yaml,
                    clock.instant()));
            engines.remove(tenant);
        }
        return journey;
    }

    /** Publishes every journey file under a folder (a journey library such as {@code journeys/}). */
    public List<Journey> publishAll(String tenant, Path folder) throws LoadException {
        List<Journey> out = new ArrayList<>();
        for (Path file : JourneyLoader.journeyFiles(List.of(folder))) {
            try {
                out.add(publish(tenant, file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return out;
    }

    /** Switches a journey on or off, for a community or (without one) for the whole tenant. */
    public void enable(String tenant, String journey, Optional<String> community, boolean on) {
        store.write(h -> Sql.update(
                h.getConnection(),
                "INSERT INTO journey_enablement (tenant_id, journey_id, community_id, enabled, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, journey_id, community_id)"
                        + " DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at",
                tenant,
                journey,
                community.orElse(""),
                on,
                clock.instant()));
        switches.clear();
    }

    /** Overrides some of a journey's settings, for a community or (without one) for the whole tenant. */
    public void overrideSettings(String tenant, String journey, Optional<String> community, Map<String, Object> set) {
        store.write(h -> Sql.update(
                h.getConnection(),
                "INSERT INTO setting_overrides (tenant_id, journey_id, community_id, settings, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, journey_id, community_id)"
                        + " DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at",
                tenant,
                journey,
                community.orElse(""),
                StateJson.write(set),
                clock.instant()));
        overrides.clear();
    }

    /** Drops what this process cached, to see changes another process made. */
    public void forget() {
        engines.clear();
        switches.clear();
        overrides.clear();
    }

    /** The tenant's engine over every published version. */
    public Engine engine(String tenant) {
        return engines.computeIfAbsent(tenant, t -> new Engine(library(t), actions));
    }

    private JourneyLibrary library(String tenant) {
        List<Map<String, Object>> rows = store.read(
                h -> h.createQuery("SELECT journey_id, version, yaml FROM journey_versions WHERE tenant_id = :t"
                                + " ORDER BY journey_id, version")
                        .bind("t", tenant)
                        .mapToMap()
                        .list());
        List<Journey> journeys = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String name = row.get("journey_id") + "@" + row.get("version");
            JourneyLoader.Loaded loaded = loader.load(name, (String) row.get("yaml"));
            journeys.add(loaded.journey()
                    .orElseThrow(() -> new IllegalStateException("the stored journey " + name + " of tenant " + tenant
                            + " no longer loads: " + loaded.problems())));
        }
        return JourneyLibrary.of(journeys);
    }

    /** Whether a journey is on at a community: its own switch, else the tenant's, else on. */
    public boolean enabled(Connection c, String tenant, String journey, Optional<String> community)
            throws SQLException {
        String cacheKey = tenant + "\u0000" + journey + "\u0000" + community.orElse("");
        Boolean known = switches.get(cacheKey);
        if (known != null) {
            return known;
        }
        boolean on = true;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT community_id, enabled FROM journey_enablement WHERE tenant_id = ? AND journey_id = ?"
                        + " AND community_id IN ('', ?) ORDER BY community_id DESC")) {
            Sql.bind(st, tenant, journey, community.orElse(""));
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    on = rs.getInt(2) == 1;
                }
            }
        }
        remember(switches, cacheKey, on);
        return on;
    }

    /** A journey's settings with the tenant's, then the community's overrides applied. */
    public Map<String, Object> settings(Connection c, String tenant, Journey journey, Optional<String> community)
            throws SQLException {
        String cacheKey = tenant + "\u0000" + journey.ref() + "\u0000" + community.orElse("");
        Map<String, Object> known = overrides.get(cacheKey);
        if (known != null) {
            return known;
        }
        Map<String, Object> merged = new LinkedHashMap<>(journey.settings());
        try (PreparedStatement st = c.prepareStatement(
                "SELECT community_id, settings FROM setting_overrides WHERE tenant_id = ? AND journey_id = ?"
                        + " AND community_id IN ('', ?) ORDER BY community_id")) {
            Sql.bind(st, tenant, journey.id(), community.orElse(""));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> set = StateJson.read(rs.getString(2), Map.class);
                    merged.putAll(set);
                }
            }
        }
        Map<String, Object> result = java.util.Collections.unmodifiableMap(merged);
        remember(overrides, cacheKey, result);
        return result;
    }

    private static <V> void remember(Map<String, V> cache, String key, V value) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, value);
    }
}
