package dev.threshold.server.api.webhooks;

import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The systems that post signed webhooks to a tenant (its PMS, later its SMS provider), each with a shared secret.
 * The secret has to be kept in clear to check signatures, so it is shown once, when created, and never listed.
 */
public final class WebhookSources {
    private final Store store;
    private final InstantSource clock;
    private final SecureRandom random;

    public WebhookSources(Store store, InstantSource clock, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    /** Creates (or replaces, with a new secret) a source; returns the secret. */
    public String create(String tenant, String source) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "whsec_" + HexFormat.of().formatHex(bytes);
        store.write(h -> Sql.update(
                h.getConnection(),
                "INSERT INTO webhook_sources (tenant_id, source_id, secret, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, source_id) DO UPDATE SET secret = excluded.secret,"
                        + " created_at = excluded.created_at, revoked_at = NULL",
                tenant,
                source,
                secret,
                clock.instant()));
        return secret;
    }

    /** The live secret of a source. */
    public Optional<String> secret(String tenant, String source) {
        return store.read(h -> h.createQuery("SELECT secret FROM webhook_sources WHERE tenant_id = :t"
                        + " AND source_id = :s AND revoked_at IS NULL")
                .bind("t", tenant)
                .bind("s", source)
                .mapTo(String.class)
                .findOne());
    }

    public List<Map<String, Object>> list(String tenant) {
        return store.read(h -> h.createQuery("SELECT source_id, created_at, revoked_at FROM webhook_sources"
                        + " WHERE tenant_id = :t ORDER BY source_id")
                .bind("t", tenant)
                .map((rs, ctx) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("source", rs.getString(1));
                    m.put("created_at", Instant.ofEpochMilli(rs.getLong(2)));
                    if (rs.getObject(3) != null) {
                        m.put("revoked_at", Instant.ofEpochMilli(rs.getLong(3)));
                    }
                    return m;
                })
                .list());
    }

    public boolean revoke(String tenant, String source) {
        return store.write(h -> Sql.update(
                        h.getConnection(),
                        "UPDATE webhook_sources SET revoked_at = ? WHERE tenant_id = ? AND source_id = ?"
                                + " AND revoked_at IS NULL",
                        clock.instant(),
                        tenant,
                        source))
                == 1;
    }

    /**
     * Records a signature as received; false when it was received before (a replay). Signatures older than the
     * window are forgotten: a request that old is refused by its timestamp anyway.
     */
    public boolean firstReceipt(String tenant, String source, String signature, Instant forgetBefore) {
        return store.write(h -> {
            Sql.update(
                    h.getConnection(),
                    "DELETE FROM webhook_receipts WHERE tenant_id = ? AND source_id = ? AND received_at < ?",
                    tenant,
                    source,
                    forgetBefore);
            return Sql.update(
                            h.getConnection(),
                            "INSERT INTO webhook_receipts (tenant_id, source_id, signature, received_at)"
                                    + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, source_id, signature) DO NOTHING",
                            tenant,
                            source,
                            signature,
                            clock.instant())
                    == 1;
        });
    }
}
