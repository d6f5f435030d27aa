package dev.threshold.runtime.journey;

import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.Engine;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.journey.Overrides;
import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.engine.load.LoadException;
import dev.threshold.engine.load.OverridesLoader;
import dev.threshold.engine.load.Problem;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.StoreException;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's published journeys, every version of each, their switches per community, and the tenant's overrides
 * (settings, wording, map words, switches for the company, a portfolio or a community; the most specific layer
 * wins). Publishing checks a journey with the same loader as {@code threshold validate}; a version once published
 * never changes. Each tenant's engine is built from its stored versions.
 *
 * <p>Engines, switches and overrides are cached in this process. Every change raises the tenant's catalog version
 * in the store, and {@link #refresh} (a worker calls it once per batch) drops what another process made stale.
 */
public final class JourneyCatalog {
    private static final int CACHE_LIMIT = 10_000;

    private final Store store;
    private final InstantSource clock;
    private final JourneyLoader loader;
    private final OverridesLoader overridesLoader;
    private final ActionRegistry actions;
    private final Map<String, Engine> engines = new ConcurrentHashMap<>();
    private final Map<String, Boolean> switches = new ConcurrentHashMap<>();
    private final Map<String, Overrides> overrides = new ConcurrentHashMap<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    public JourneyCatalog(
            Store store,
            InstantSource clock,
            JourneyLoader loader,
            OverridesLoader overridesLoader,
            ActionRegistry actions) {
        this.store = store;
        this.clock = clock;
        this.loader = loader;
        this.overridesLoader = overridesLoader;
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
            store.write(h -> {
                Sql.update(
                        h.getConnection(),
                        "INSERT INTO journey_versions (tenant_id, journey_id, version, yaml, published_at)"
                                + " VALUES (?, ?, ?, ?, ?)",
                        tenant,
                        journey.id(),
                        journey.version(),
                        yaml,
                        clock.instant());
                return raiseVersion(h.getConnection(), tenant);
            });
            forget(tenant);
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
        store.write(h -> {
            Sql.update(
                    h.getConnection(),
                    "INSERT INTO journey_enablement (tenant_id, journey_id, community_id, enabled, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, journey_id, community_id)"
                            + " DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at",
                    tenant,
                    journey,
                    community.orElse(""),
                    on,
                    clock.instant());
            return raiseVersion(h.getConnection(), tenant);
        });
        forget(tenant);
    }

    /**
     * Replaces the tenant's overrides with a document in the overrides format, checked against the tenant's
     * journeys first: a document with problems is refused whole, with each problem's line and column.
     */
    public Overrides setOverrides(String tenant, String document) throws LoadException {
        Overrides checked =
                overridesLoader.load("overrides", document, engine(tenant).library());
        store.write(h -> {
            Sql.update(
                    h.getConnection(),
                    "INSERT INTO journey_overrides (tenant_id, document, updated_at) VALUES (?, ?, ?)"
                            + " ON CONFLICT (tenant_id) DO UPDATE SET document = excluded.document,"
                            + " updated_at = excluded.updated_at",
                    tenant,
                    document,
                    clock.instant());
            return raiseVersion(h.getConnection(), tenant);
        });
        forget(tenant);
        return checked;
    }

    /** The tenant's overrides document as stored, if it has one. */
    public Optional<String> overridesDocument(String tenant) {
        return store.read(h -> h.createQuery("SELECT document FROM journey_overrides WHERE tenant_id = :t")
                .bind("t", tenant)
                .mapTo(String.class)
                .findOne());
    }

    /**
     * Overrides some of a journey's settings for a community or (without one) for the whole tenant: the layer's
     * settings in the tenant's document are merged with these, and the document is checked and stored again.
     */
    public void overrideSettings(String tenant, String journey, Optional<String> community, Map<String, Object> set)
            throws LoadException {
        String document =
                OverridesDocument.withSettings(overridesDocument(tenant).orElse(""), journey, community, set);
        setOverrides(tenant, document);
    }

    /** Drops what this process cached, to see changes another process made. */
    public void forget() {
        engines.clear();
        switches.clear();
        overrides.clear();
        versions.clear();
    }

    private void forget(String tenant) {
        engines.remove(tenant);
        overrides.remove(tenant);
        versions.remove(tenant);
        switches.keySet().removeIf(k -> k.startsWith(tenant + "\u0000"));
    }

    /**
     * Drops what is cached of a tenant when its catalog version in the store has moved since it was cached: a
     * journey published, a switch or an override changed, here or on another node.
     */
    public void refresh(Connection c, String tenant) throws SQLException {
        long current;
        try (PreparedStatement st = c.prepareStatement("SELECT version FROM catalog_versions WHERE tenant_id = ?")) {
            Sql.bind(st, tenant);
            try (ResultSet rs = st.executeQuery()) {
                current = rs.next() ? rs.getLong(1) : 0L;
            }
        }
        Long known = versions.get(tenant);
        if (known == null || known != current) {
            forget(tenant);
            versions.put(tenant, current);
        }
    }

    private static Void raiseVersion(Connection c, String tenant) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO catalog_versions (tenant_id, version) VALUES (?, 1) ON CONFLICT (tenant_id)"
                        + " DO UPDATE SET version = catalog_versions.version + 1",
                tenant);
        return null;
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

    /**
     * Whether a journey is on at a community: a switch set for the community, else one set for the tenant, else
     * what the overrides' most specific layer says, else on.
     */
    public boolean enabled(
            Connection c, String tenant, String journey, Optional<String> community, Optional<String> portfolio)
            throws SQLException {
        String cacheKey = tenant + "\u0000" + journey + "\u0000" + community.orElse("");
        Boolean known = switches.get(cacheKey);
        if (known != null) {
            return known;
        }
        Optional<Boolean> switched = Optional.empty();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT community_id, enabled FROM journey_enablement WHERE tenant_id = ? AND journey_id = ?"
                        + " AND community_id IN ('', ?) ORDER BY community_id DESC")) {
            Sql.bind(st, tenant, journey, community.orElse(""));
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    switched = Optional.of(rs.getInt(2) == 1);
                }
            }
        }
        boolean on = switched.orElseGet(() ->
                overrides(c, tenant).enabled(journey, portfolio, community).orElse(true));
        remember(switches, cacheKey, on);
        return on;
    }

    /** The same, finding the community's portfolio for the overrides' portfolio layer. */
    public boolean enabled(Connection c, String tenant, String journey, Optional<String> community)
            throws SQLException {
        Optional<String> portfolio = community.isEmpty()
                ? Optional.empty()
                : Directory.findCommunity(c, tenant, community.get()).flatMap(CommunityView::portfolio);
        return enabled(c, tenant, journey, community, portfolio);
    }

    /** The tenant's overrides, all layers, as last stored (none: nothing changes). */
    public Overrides overrides(Connection c, String tenant) {
        return overrides.computeIfAbsent(tenant, t -> {
            try (PreparedStatement st =
                    c.prepareStatement("SELECT document FROM journey_overrides WHERE tenant_id = ?")) {
                Sql.bind(st, t);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next()
                            ? overridesLoader.load(
                                    "overrides of " + t,
                                    rs.getString(1),
                                    engine(t).library())
                            : Overrides.none();
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read the overrides of tenant " + t + ": " + e.getMessage(), e);
            } catch (LoadException e) {
                throw new IllegalStateException(
                        "the stored overrides of tenant " + t + " no longer load: " + e.getMessage(), e);
            }
        });
    }

    /** A journey's settings with the tenant's, then the portfolio's, then the community's overrides applied. */
    public Map<String, Object> settings(
            Connection c, String tenant, Journey journey, Optional<String> community, Optional<String> portfolio) {
        return overrides(c, tenant).settings(journey, portfolio, community);
    }

    private static <V> void remember(Map<String, V> cache, String key, V value) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, value);
    }
}
