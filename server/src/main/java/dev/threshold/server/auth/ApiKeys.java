package dev.threshold.server.auth;

import dev.threshold.engine.core.StateJson;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tenant's API keys. A key is {@code thr_<tenant>_<secret>}, the secret 32 random bytes; only its SHA-256 is
 * stored, so the key is shown once, when it is created, and a stolen database holds no usable key. A key carries
 * its tenant in clear, so looking it up names the tenant like every other query.
 *
 * <pre>{@code
 * ApiKeys.Created k = keys.create("acme", "pms sync", Role.INGEST, Set.of());
 * keys.authenticate(k.key());   // the caller: acme, ingest, all communities
 * }</pre>
 */
public final class ApiKeys {
    private static final String PREFIX = "thr_";
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final Store store;
    private final InstantSource clock;
    private final SecureRandom random;

    public ApiKeys(Store store, InstantSource clock, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    /** A key as listed: never the key itself. */
    public record Listed(
            String id,
            String name,
            Role role,
            Set<String> communities,
            Instant createdAt,
            Optional<Instant> revokedAt) {}

    /** A new key: {@code key} is shown this once and never again. */
    public record Created(Listed listed, String key) {}

    public Created create(String tenant, String name, Role role, Set<String> communities) {
        Tenants.check(tenant);
        String secret = randomText(43);
        String key = PREFIX + tenant + "_" + secret;
        String id = "key_" + randomText(12);
        Instant now = clock.instant();
        store.write(h -> Sql.update(
                h.getConnection(),
                "INSERT INTO api_keys (tenant_id, key_id, key_hash, name, role, communities, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                tenant,
                id,
                sha256(key),
                name,
                role.id(),
                StateJson.write(new TreeSet<>(communities)),
                now));
        return new Created(new Listed(id, name, role, Set.copyOf(communities), now, Optional.empty()), key);
    }

    /** Who presents this key, when it is a live key of its tenant. */
    public Optional<Caller> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        int cut = presented.lastIndexOf('_');
        String tenant = presented.substring(PREFIX.length(), Math.max(PREFIX.length(), cut));
        if (!Tenants.valid(tenant)) {
            return Optional.empty();
        }
        String hash = sha256(presented);
        return store.read(h -> h.createQuery("SELECT key_id, role, communities FROM api_keys"
                        + " WHERE tenant_id = :t AND key_hash = :h AND revoked_at IS NULL")
                .bind("t", tenant)
                .bind("h", hash)
                .map((rs, ctx) -> new Caller(
                        tenant,
                        rs.getString(1),
                        Role.parse(rs.getString(2)).orElse(Role.READ_ONLY),
                        communities(rs.getString(3))))
                .findOne());
    }

    public List<Listed> list(String tenant) {
        return store.read(h -> h.createQuery("SELECT key_id, name, role, communities, created_at, revoked_at"
                        + " FROM api_keys WHERE tenant_id = :t ORDER BY created_at, key_id")
                .bind("t", tenant)
                .map((rs, ctx) -> new Listed(
                        rs.getString(1),
                        rs.getString(2),
                        Role.parse(rs.getString(3)).orElse(Role.READ_ONLY),
                        communities(rs.getString(4)),
                        Instant.ofEpochMilli(rs.getLong(5)),
                        rs.getObject(6) == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(rs.getLong(6)))))
                .list());
    }

    public Optional<Listed> find(String tenant, String id) {
        return list(tenant).stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** Revokes a key at once; false when the tenant has no live key of that id. */
    public boolean revoke(String tenant, String id) {
        return store.write(h -> Sql.update(
                        h.getConnection(),
                        "UPDATE api_keys SET revoked_at = ? WHERE tenant_id = ? AND key_id = ? AND revoked_at IS NULL",
                        clock.instant(),
                        tenant,
                        id))
                == 1;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> communities(String json) {
        return Set.copyOf(StateJson.read(json, List.class));
    }

    private String randomText(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
