package dev.threshold.server.auth;

import dev.threshold.server.http.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A key limited to communities: what it may write (403 outside them) and the SQL that limits what it reads to
 * them (what it may not see is not found, as another tenant's records are).
 */
public final class Scope {
    private Scope() {}

    /** Refuses a write about a community the key is not for. */
    public static void requireWrite(Caller caller, Optional<String> community, String field) {
        if (!caller.sees(community)) {
            throw ApiError.of(
                    403,
                    "forbidden",
                    "this key is limited to the communities "
                            + caller.communities().stream().sorted().toList()
                            + (community.isEmpty() ? "; name one of them" : ", not '" + community.get() + "'"),
                    field);
        }
    }

    /**
     * {@code " AND column IN (?, ?)"} with its parameters for a scoped key, nothing for an unscoped one.
     *
     * @param column the community column, qualified as the query needs it
     */
    public static Fragment filter(Caller caller, String column) {
        if (!caller.scoped()) {
            return new Fragment("", List.of());
        }
        List<Object> params =
                new ArrayList<>(caller.communities().stream().sorted().toList());
        return new Fragment(
                " AND " + column + " IN (" + dev.threshold.runtime.store.Sql.marks(params.size()) + ")", params);
    }

    /**
     * For rows that have no community but a contact: only contacts of the key's communities. The subquery names
     * the tenant too.
     */
    public static Fragment contactFilter(Caller caller, String contactColumn) {
        if (!caller.scoped()) {
            return new Fragment("", List.of());
        }
        Fragment inner = filter(caller, "community_id");
        List<Object> params = new ArrayList<>();
        params.add(caller.tenant());
        params.addAll(inner.params());
        return new Fragment(
                " AND " + contactColumn + " IN (SELECT contact_id FROM contacts WHERE tenant_id = ?" + inner.sql()
                        + ")",
                params);
    }

    /** A piece of a WHERE clause and the values it binds, in order. */
    public record Fragment(String sql, List<Object> params) {}
}
