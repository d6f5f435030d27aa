package dev.threshold.server.api.instances;

import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Query;

/**
 * Checks that a list filter names something the caller may see: filtering by another tenant's contact or journey
 * is a 404, like asking for it directly, never an empty list that confirms nothing and hides a typo.
 */
public final class Known {
    private Known() {}

    public static void contact(Store store, Caller caller, String id) {
        Query q = new Query("SELECT 1 FROM contacts WHERE tenant_id = ? AND contact_id = ?", caller.tenant(), id);
        q.and(Scope.filter(caller, "community_id"));
        if (store.read(h -> q.list(h.getConnection(), rs -> 1)).isEmpty()) {
            throw ApiError.notFound("contact", id);
        }
    }

    public static void journey(Store store, Caller caller, String id) {
        Query q =
                new Query("SELECT 1 FROM journey_versions WHERE tenant_id = ? AND journey_id = ?", caller.tenant(), id);
        if (store.read(h -> q.list(h.getConnection(), rs -> 1)).isEmpty()) {
            throw ApiError.notFound("journey", id);
        }
    }

    public static void community(Store store, Caller caller, String id) {
        if (!caller.sees(id)) {
            throw ApiError.notFound("community", id);
        }
        Query q = new Query("SELECT 1 FROM communities WHERE tenant_id = ? AND community_id = ?", caller.tenant(), id);
        if (store.read(h -> q.list(h.getConnection(), rs -> 1)).isEmpty()) {
            throw ApiError.notFound("community", id);
        }
    }
}
