package dev.threshold.server.api.property;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threshold.domain.community.Address;
import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.PetPolicy;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.maintenance.WorkOrder;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.engine.time.BusinessCalendar;
import dev.threshold.runtime.property.PropertyKind;
import dev.threshold.runtime.property.StoredProperties;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.PageRequest;
import dev.threshold.server.http.Query;
import dev.threshold.server.http.Requests;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The property data: {@code /v1/communities} with their floor plans and units, {@code /v1/leases} and {@code
 * /v1/work-orders}. {@code PUT} writes a record (created or replaced) after checking what it refers to exists;
 * lists page by record key and filter by community and contact.
 */
public final class PropertyResource implements Resource {
    private final Store store;
    private final StoredProperties properties;
    private final InstantSource clock;
    private final long maxBody;

    public PropertyResource(Store store, StoredProperties properties, InstantSource clock, long maxBody) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.maxBody = maxBody;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/communities", Permission.READ, ctx -> list(ctx, PropertyKind.COMMUNITY, Optional.empty()));
        routes.get(
                "/v1/communities/{id}",
                Permission.READ,
                ctx -> get(ctx, PropertyKind.COMMUNITY, Requests.id(ctx, "id")));
        routes.put("/v1/communities/{id}", Permission.WRITE_PROPERTY, this::putCommunity);
        routes.get(
                "/v1/communities/{community}/floor-plans",
                Permission.READ,
                ctx -> list(ctx, PropertyKind.FLOOR_PLAN, Optional.of(community(ctx))));
        routes.get(
                "/v1/communities/{community}/floor-plans/{id}",
                Permission.READ,
                ctx -> get(ctx, PropertyKind.FLOOR_PLAN, community(ctx) + "/" + Requests.id(ctx, "id")));
        routes.put(
                "/v1/communities/{community}/floor-plans/{id}",
                Permission.WRITE_PROPERTY,
                ctx -> putInCommunity(ctx, PropertyKind.FLOOR_PLAN, FloorPlan.class));
        routes.get(
                "/v1/communities/{community}/units",
                Permission.READ,
                ctx -> list(ctx, PropertyKind.UNIT, Optional.of(community(ctx))));
        routes.get(
                "/v1/communities/{community}/units/{id}",
                Permission.READ,
                ctx -> get(ctx, PropertyKind.UNIT, community(ctx) + "/" + Requests.id(ctx, "id")));
        routes.put(
                "/v1/communities/{community}/units/{id}",
                Permission.WRITE_PROPERTY,
                ctx -> putInCommunity(ctx, PropertyKind.UNIT, Unit.class));
        routes.get("/v1/leases", Permission.READ, ctx -> list(ctx, PropertyKind.LEASE, query(ctx, "community")));
        routes.get("/v1/leases/{id}", Permission.READ, ctx -> get(ctx, PropertyKind.LEASE, Requests.id(ctx, "id")));
        routes.put(
                "/v1/leases/{id}", Permission.WRITE_PROPERTY, ctx -> putRecord(ctx, PropertyKind.LEASE, Lease.class));
        routes.get(
                "/v1/work-orders", Permission.READ, ctx -> list(ctx, PropertyKind.WORK_ORDER, query(ctx, "community")));
        routes.get(
                "/v1/work-orders/{id}",
                Permission.READ,
                ctx -> get(ctx, PropertyKind.WORK_ORDER, Requests.id(ctx, "id")));
        routes.put(
                "/v1/work-orders/{id}",
                Permission.WRITE_PROPERTY,
                ctx -> putRecord(ctx, PropertyKind.WORK_ORDER, WorkOrder.class));
    }

    private static Optional<String> query(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name));
    }

    /** The community of the path, which must exist for the tenant and be visible to the key. */
    private String community(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String id = Requests.id(ctx, "community");
        if (!caller.sees(id)
                || properties.find(caller.tenant(), PropertyKind.COMMUNITY, id).isEmpty()) {
            throw ApiError.notFound("community", id);
        }
        return id;
    }

    private void list(Context ctx, PropertyKind<?> kind, Optional<String> community) {
        Caller caller = Gate.caller(ctx);
        PageRequest page = PageRequest.of(ctx, 1);
        Query q = new Query(
                "SELECT record_id, body FROM property_records WHERE tenant_id = ? AND kind = ?",
                caller.tenant(),
                kind.id());
        q.and(Scope.filter(caller, "community_id"));
        community.ifPresent(c -> q.and("community_id = ?", c));
        query(ctx, "contact").ifPresent(c -> q.and("contact_id = ?", c));
        page.after().ifPresent(a -> q.and("record_id > ?", a.get(0)));
        q.append(" ORDER BY record_id LIMIT ?", page.fetch());
        record Row(String key, JsonNode body) {}
        List<Row> rows = store.read(h -> q.list(
                h.getConnection(),
                rs -> new Row(
                        rs.getString(1),
                        PropertyJson.write(dev.threshold.engine.core.StateJson.read(rs.getString(2), kind.type())))));
        Respond.page(ctx, page.page(rows, r -> List.of(r.key())).map(Row::body));
    }

    private <T> void get(Context ctx, PropertyKind<T> kind, String key) {
        Caller caller = Gate.caller(ctx);
        T record = properties
                .find(caller.tenant(), kind, key)
                .filter(r -> caller.sees(kind.community().apply(r)))
                .orElseThrow(() -> ApiError.notFound(kind.id().replace('-', ' '), key));
        Respond.ok(ctx, PropertyJson.write(record));
    }

    private void putCommunity(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String id = Requests.id(ctx, "id");
        ObjectNode node = body(ctx, "id", id);
        require(node, "name", "timezone");
        ZoneId zone;
        try {
            zone = ZoneId.of(node.path("timezone").asText());
        } catch (DateTimeException e) {
            throw ApiError.invalid(
                    "timezone",
                    "'" + Requests.clip(node.path("timezone").asText(), 40)
                            + "' is not a time zone such as America/Denver");
        }
        defaults(node, "portfolio", "", "market", "", "phone", "", "email", "");
        if (!node.has("address")) {
            node.set("address", PropertyJson.write(Address.unknown()));
        }
        if (!node.has("calendar")) {
            node.set("calendar", PropertyJson.write(BusinessCalendar.standard(zone)));
        }
        if (!node.has("pets")) {
            node.set("pets", PropertyJson.write(PetPolicy.noPets()));
        }
        if (!node.has("links")) {
            node.putObject("links");
        }
        Community community = PropertyJson.read(node, Community.class);
        Scope.requireWrite(caller, Optional.of(id), "id");
        save(
                ctx,
                caller,
                PropertyKind.COMMUNITY,
                community,
                ChangeSet.builder().community(community).build());
    }

    private <T> void putInCommunity(Context ctx, PropertyKind<T> kind, Class<T> type) {
        Caller caller = Gate.caller(ctx);
        String community = community(ctx);
        ObjectNode node = body(ctx, "id", Requests.id(ctx, "id"));
        matchOrFill(node, "community", community);
        if (kind == PropertyKind.UNIT) {
            require(node, "floor_plan", "status", "market_rent");
            defaults(node, "floor", 1, "pets_allowed", true);
            defaultLists(node, "amenities", "accessibility");
        } else {
            require(node, "name", "bedrooms", "bathrooms", "market_rent");
        }
        T record = PropertyJson.read(node, type);
        ChangeSet.Builder set = ChangeSet.builder();
        kind.toSet().accept(set, record);
        save(ctx, caller, kind, record, set.build());
    }

    private <T> void putRecord(Context ctx, PropertyKind<T> kind, Class<T> type) {
        Caller caller = Gate.caller(ctx);
        ObjectNode node = body(ctx, "id", Requests.id(ctx, "id"));
        if (kind == PropertyKind.LEASE) {
            require(node, "community", "unit", "residents", "start", "end", "rent");
            defaults(node, "signed_on", node.path("start").asText(), "kind", "new");
        } else {
            require(node, "community", "unit", "contact", "category", "promised_for");
            defaults(
                    node,
                    "priority",
                    "routine",
                    "status",
                    "open",
                    "created_at",
                    clock.instant().toString());
        }
        String community = node.path("community").asText();
        if (!caller.sees(community)
                || properties
                        .find(caller.tenant(), PropertyKind.COMMUNITY, community)
                        .isEmpty()) {
            throw ApiError.notFound("community", community);
        }
        T record = PropertyJson.read(node, type);
        ChangeSet.Builder set = ChangeSet.builder();
        kind.toSet().accept(set, record);
        save(ctx, caller, kind, record, set.build());
    }

    private <T> void save(Context ctx, Caller caller, PropertyKind<T> kind, T record, ChangeSet set) {
        boolean existed =
                properties.find(caller.tenant(), kind, kind.key().apply(record)).isPresent();
        try {
            properties.apply(caller.tenant(), set);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("(body)", e.getMessage());
        }
        Respond.json(ctx, existed ? 200 : 201, PropertyJson.write(record));
    }

    private ObjectNode body(Context ctx, String idField, String id) {
        ObjectNode node = (ObjectNode) Requests.jsonObject(ctx, maxBody);
        matchOrFill(node, idField, id);
        return node;
    }

    /** A field the path also names: absent, it is taken from the path; present, it must agree. */
    private static void matchOrFill(ObjectNode node, String field, String value) {
        JsonNode given = node.path(field);
        if (given.isMissingNode() || given.isNull()) {
            node.put(field, value);
        } else if (!given.isTextual() || !given.asText().equals(value)) {
            throw ApiError.invalid(
                    field, "is '" + Requests.clip(given.asText(), 40) + "' but the path says '" + value + "'");
        }
    }

    private static void require(ObjectNode node, String... fields) {
        List<ApiError.Problem> missing = java.util.Arrays.stream(fields)
                .filter(f -> !node.hasNonNull(f))
                .map(f -> ApiError.Problem.of(f, "required"))
                .toList();
        if (!missing.isEmpty()) {
            throw ApiError.invalid(missing);
        }
    }

    private static void defaults(ObjectNode node, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            String field = (String) pairs[i];
            if (!node.hasNonNull(field)) {
                node.set(field, PropertyJson.MAPPER.valueToTree(pairs[i + 1]));
            }
        }
    }

    private static void defaultLists(ObjectNode node, String... fields) {
        for (String f : fields) {
            if (!node.hasNonNull(f)) {
                node.putArray(f);
            }
        }
    }
}
