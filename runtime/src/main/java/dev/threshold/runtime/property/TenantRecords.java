package dev.threshold.runtime.property;

import dev.threshold.domain.property.InMemoryPropertyStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The property records of the tenants a node works for, kept in memory for the domain's actions (unit matching,
 * renewal offers, add-on fit, referral codes) and read again from the store when the tenant's version there has
 * moved on: an import, the API, another node. A worker checks the version once per batch.
 *
 * <p>A worker that changes records because of an event (a unit leased) changes them here at once, so that the
 * rest of its batch sees the change, writes the same change in its transaction, and reports the outcome: kept
 * when its commit was the only change since it looked, dropped (and read again later) otherwise.
 */
public final class TenantRecords {
    /** Tenants kept at once; a node working for more reads the others again when it needs them. */
    private static final int MAX_TENANTS = 64;

    private record Loaded(long version, InMemoryPropertyStore records) {}

    private final ConcurrentHashMap<String, Loaded> loaded = new ConcurrentHashMap<>();

    /** The tenant's records as of the store's current version, with the version they are at. */
    public Versioned current(Connection c, String tenant) throws SQLException {
        long version = StoredProperties.version(c, tenant);
        Loaded known = loaded.get(tenant);
        if (known != null && known.version() == version) {
            return new Versioned(version, known.records());
        }
        InMemoryPropertyStore fresh = StoredProperties.snapshot(c, tenant);
        if (loaded.size() >= MAX_TENANTS) {
            loaded.clear();
        }
        loaded.put(tenant, new Loaded(version, fresh));
        return new Versioned(version, fresh);
    }

    /**
     * A worker committed changes it had also made here, raising the version {@code raises} times from {@code from}
     * to {@code to}: the records here stay when nobody else changed the tenant's records meanwhile.
     */
    public void committed(String tenant, long from, long to, int raises) {
        loaded.computeIfPresent(
                tenant, (t, l) -> l.version() == from && to == from + raises ? new Loaded(to, l.records()) : null);
    }

    /** Drops what is kept of a tenant: a change made here was not committed. */
    public void forget(String tenant) {
        loaded.remove(tenant);
    }

    /** Records and the version they are at. */
    public record Versioned(long version, InMemoryPropertyStore records) {}
}
