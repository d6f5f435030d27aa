package dev.threshold.server.api.journeys;

import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.Query;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The journey tables as the API reads them: versions, a version's text, the switches per community. */
final class JourneyRows {
    private JourneyRows() {}

    static List<Integer> versions(Store store, String tenant, String journey) {
        return store.read(h -> h.createQuery("SELECT version FROM journey_versions WHERE tenant_id = :t"
                        + " AND journey_id = :j ORDER BY version")
                .bind("t", tenant)
                .bind("j", journey)
                .mapTo(Integer.class)
                .list());
    }

    static Optional<String> yaml(Store store, String tenant, String journey, int version) {
        return store.read(h -> h.createQuery("SELECT yaml FROM journey_versions WHERE tenant_id = :t"
                        + " AND journey_id = :j AND version = :v")
                .bind("t", tenant)
                .bind("j", journey)
                .bind("v", version)
                .mapTo(String.class)
                .findOne());
    }

    static Optional<Map<String, Object>> version(Store store, String tenant, String journey, int version) {
        return store.read(h -> h.createQuery("SELECT yaml, published_at FROM journey_versions WHERE tenant_id = :t"
                        + " AND journey_id = :j AND version = :v")
                .bind("t", tenant)
                .bind("j", journey)
                .bind("v", version)
                .map((rs, ctx) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", journey);
                    m.put("version", version);
                    m.put("published_at", Instant.ofEpochMilli(rs.getLong(2)));
                    m.put("yaml", rs.getString(1));
                    return m;
                })
                .findOne());
    }

    /** The switches: the tenant's ({@code community} absent) and each community's the key sees. */
    static List<Map<String, Object>> enablement(Store store, Caller caller, String journey) {
        Query q = new Query(
                "SELECT community_id, enabled FROM journey_enablement WHERE tenant_id = ? AND journey_id = ?",
                caller.tenant(),
                journey);
        if (caller.scoped()) {
            Scope.Fragment f = Scope.filter(caller, "community_id");
            q.append(
                    " AND (community_id = ''" + f.sql().replaceFirst("^ AND", " OR") + ")",
                    f.params().toArray());
        }
        q.append(" ORDER BY community_id");
        return store.read(h -> q.list(h.getConnection(), rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            if (!rs.getString(1).isEmpty()) {
                m.put("community", rs.getString(1));
            }
            m.put("enabled", rs.getInt(2) == 1);
            return m;
        }));
    }
}
