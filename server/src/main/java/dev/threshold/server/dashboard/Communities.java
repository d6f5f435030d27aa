package dev.threshold.server.dashboard;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.StateJson;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Query;
import java.util.List;
import java.util.Optional;

/** The communities a signed-in key sees: all of its tenant's, or those it is limited to. */
public final class Communities {
    private Communities() {}

    /** A community as pages show it. */
    public record Shown(String id, String name, CommunityView view) {}

    public static List<Shown> visible(Store store, Caller caller) {
        Query q = new Query("SELECT community_id, view FROM communities WHERE tenant_id = ?", caller.tenant());
        q.and(Scope.filter(caller, "community_id"));
        q.append(" ORDER BY community_id");
        return store.read(h -> q.list(h.getConnection(), rs -> {
            CommunityView v = StateJson.read(rs.getString(2), CommunityView.class);
            String name = v.name() == null || v.name().isBlank() ? v.id() : v.name();
            return new Shown(rs.getString(1), name, v);
        }));
    }

    /**
     * The community a request names, when it is one the key sees; an empty or absent parameter is "all". Another
     * tenant's or an unknown community is not found, as in the API.
     */
    public static Optional<String> chosen(Store store, Caller caller, String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.empty();
        }
        if (visible(store, caller).stream().noneMatch(c -> c.id().equals(requested))) {
            throw ApiError.notFound("community", requested);
        }
        return Optional.of(requested);
    }
}
