package dev.threshold.server.api.keys;

import dev.threshold.server.auth.ApiKeys;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.auth.Role;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Fields;
import dev.threshold.server.http.Requests;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/keys}: an admin creates, lists and revokes the tenant's API keys. The key itself is in the answer to
 * its creation, and nowhere else, ever.
 */
public final class KeysResource implements Resource {
    private final ApiKeys keys;
    private final long maxBody;

    public KeysResource(ApiKeys keys, long maxBody) {
        this.keys = keys;
        this.maxBody = maxBody;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/keys", Permission.MANAGE_ACCESS, this::list);
        routes.post("/v1/keys", Permission.MANAGE_ACCESS, this::create);
        routes.delete("/v1/keys/{id}", Permission.MANAGE_ACCESS, this::revoke);
    }

    /** Keys are the whole tenant's business: a key limited to some communities does not manage them. */
    private static Caller unscoped(Context ctx) {
        Caller caller = Gate.caller(ctx);
        if (caller.scoped()) {
            throw ApiError.of(403, "forbidden", "managing API keys needs an admin key for all communities");
        }
        return caller;
    }

    private void list(Context ctx) {
        Caller caller = unscoped(ctx);
        List<Map<String, Object>> items =
                keys.list(caller.tenant()).stream().map(KeysResource::view).toList();
        Respond.ok(ctx, Map.of("items", items));
    }

    private void create(Context ctx) {
        Caller caller = unscoped(ctx);
        Fields f = new Fields(Requests.jsonObject(ctx, maxBody), "");
        f.allow("name", "role", "communities");
        String name = f.text("name", true, 200).orElse("");
        String role = f.oneOf(
                        "role",
                        true,
                        Set.copyOf(Arrays.stream(Role.values()).map(Role::id).toList()))
                .orElse("");
        List<String> communities = f.texts("communities", 1000, 200);
        f.done();
        ApiKeys.Created created =
                keys.create(caller.tenant(), name, Role.parse(role).orElseThrow(), Set.copyOf(communities));
        Map<String, Object> body = view(created.listed());
        body.put("key", created.key());
        body.put("note", "keep the key now: it is shown only this once");
        Respond.json(ctx, 201, body);
    }

    private void revoke(Context ctx) {
        Caller caller = unscoped(ctx);
        String id = Requests.id(ctx, "id");
        if (!keys.revoke(caller.tenant(), id)) {
            throw ApiError.notFound("live API key", id);
        }
        ctx.status(204);
    }

    static Map<String, Object> view(ApiKeys.Listed k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("name", k.name());
        m.put("role", k.role().id());
        m.put("communities", k.communities().stream().sorted().toList());
        m.put("created_at", k.createdAt());
        k.revokedAt().ifPresent(r -> m.put("revoked_at", r));
        return m;
    }
}
