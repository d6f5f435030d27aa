package dev.threshold.server.api.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.contact.Identity;
import dev.threshold.runtime.processing.InputLog;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Fields;
import dev.threshold.server.http.PageRequest;
import dev.threshold.server.http.Requests;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /v1/contacts}: create, read, update a person, record their consent, and read their timeline. A consent
 * change is written to the contact at once (the dispatcher honours it for every message not yet sent) and
 * appended as a {@code consent.changed} event, in the same transaction, so journeys can react to it.
 */
public final class ContactsResource implements Resource {
    private final Store store;
    private final InstantSource clock;
    private final long maxBody;

    public ContactsResource(Store store, InstantSource clock, long maxBody) {
        this.store = store;
        this.clock = clock;
        this.maxBody = maxBody;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/contacts", Permission.READ, this::list);
        routes.post("/v1/contacts", Permission.WRITE_CONTACTS, this::create);
        routes.get("/v1/contacts/{id}", Permission.READ, this::get);
        routes.patch("/v1/contacts/{id}", Permission.WRITE_CONTACTS, this::update);
        routes.put("/v1/contacts/{id}/consent", Permission.WRITE_CONTACTS, this::consent);
        routes.get("/v1/contacts/{id}/timeline", Permission.READ, this::timeline);
    }

    private void list(Context ctx) {
        Caller caller = Gate.caller(ctx);
        PageRequest page = PageRequest.of(ctx, 1);
        Optional<String> community = Optional.ofNullable(ctx.queryParam("community"));
        Optional<String> role = Optional.ofNullable(ctx.queryParam("role"));
        List<ContactView> rows = store.read(h -> ContactQueries.list(h.getConnection(), caller, community, role, page));
        Respond.page(ctx, page.page(rows, c -> List.of(c.id())).map(ContactJson::view));
    }

    private void get(Context ctx) {
        Caller caller = Gate.caller(ctx);
        Respond.ok(ctx, ContactJson.view(existing(caller, Requests.id(ctx, "id"))));
    }

    /** The contact, or 404 when the tenant has none of that id or the key does not see its community. */
    ContactView existing(Caller caller, String id) {
        return store.read(h -> ContactQueries.find(h.getConnection(), caller, id))
                .orElseThrow(() -> ApiError.notFound("contact", id));
    }

    private void create(Context ctx) {
        Caller caller = Gate.caller(ctx);
        Fields f = new Fields(Requests.jsonObject(ctx, maxBody), "");
        f.allow(ContactJson.FIELDS.toArray(String[]::new));
        String id = f.id("id", false).orElseGet(() -> "c-" + UUID.randomUUID());
        ContactView view = ContactJson.merge(ContactView.minimal(id, "prospect"), f);
        List<Identity> identities = identities(f, view);
        f.done();
        Scope.requireWrite(caller, view.community(), "community");
        ContactView saved = view;
        boolean created = store.write(h -> {
            Connection c = h.getConnection();
            if (Directory.findContact(c, caller.tenant(), id).isPresent()) {
                return false;
            }
            save(c, caller.tenant(), saved, identities);
            return true;
        });
        if (!created) {
            throw ApiError.conflict("contact '" + id + "' already exists; change it with PATCH /v1/contacts/" + id);
        }
        Respond.json(ctx, 201, ContactJson.view(saved));
    }

    private void update(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String id = Requests.id(ctx, "id");
        Fields f = new Fields(Requests.jsonObject(ctx, maxBody), "");
        f.allow(ContactJson.FIELDS.stream().filter(n -> !n.equals("id")).toArray(String[]::new));
        ContactView before = existing(caller, id);
        ContactView after = ContactJson.merge(before, f);
        List<Identity> identities = identities(f, after);
        f.done();
        Scope.requireWrite(caller, after.community(), "community");
        store.write(h -> {
            save(h.getConnection(), caller.tenant(), after, identities);
            return null;
        });
        Respond.ok(ctx, ContactJson.view(after));
    }

    private static List<Identity> identities(Fields f, ContactView v) {
        List<Identity> out = new ArrayList<>();
        f.texts("external_ids", 20, 200).forEach(x -> out.add(Identity.external(x)));
        Optional.ofNullable(v.addresses().get(Channel.EMAIL)).ifPresent(e -> out.add(Identity.email(e, true)));
        Optional.ofNullable(v.addresses().get(Channel.SMS)).ifPresent(p -> out.add(Identity.phone(p, true)));
        return out;
    }

    private void save(Connection c, String tenant, ContactView v, List<Identity> identities) throws SQLException {
        Directory.writeContact(c, store.partitions(), tenant, v, clock.instant());
        for (Identity i : identities) {
            Sql.update(
                    c,
                    "INSERT INTO contact_identities (tenant_id, kind, value, contact_id, verified)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, kind, value)"
                            + " DO UPDATE SET contact_id = excluded.contact_id, verified = excluded.verified",
                    tenant,
                    i.kind().id(),
                    i.value(),
                    v.id(),
                    i.verified());
        }
    }

    private void consent(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String id = Requests.id(ctx, "id");
        JsonNode body = Requests.jsonObject(ctx, maxBody);
        Fields f = new Fields(body, "");
        f.allow("channel", "purpose", "granted", "source");
        Channel channel = f.oneOf("channel", true, Set.of("email", "sms", "portal"))
                .flatMap(Channel::parse)
                .orElse(Channel.EMAIL);
        String purpose = f.oneOf("purpose", false, Set.of("transactional", "marketing", "all"))
                .orElse("all");
        boolean granted = f.bool("granted", true).orElse(false);
        String source = f.text("source", false, 500).orElse("api");
        f.done();
        ContactView before = existing(caller, id);
        ContactView after = withConsent(before, channel, purpose, granted);
        Instant now = clock.instant();
        String key = Optional.ofNullable(ctx.header("Idempotency-Key")).orElseGet(() -> "consent-" + UUID.randomUUID());
        if (key.isBlank() || key.length() > 200) {
            throw ApiError.badParameter("Idempotency-Key", "an idempotency key is 1 to 200 characters");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channel", channel.id());
        data.put("purpose", purpose);
        data.put("granted", granted);
        data.put("source", source);
        Event event = new Event(
                key, "consent.changed", now, Optional.of(id), before.community(), Map.of(), data, Optional.empty());
        store.write(h -> {
            Connection c = h.getConnection();
            Directory.writeContact(c, store.partitions(), caller.tenant(), after, now);
            InputLog.append(
                    c,
                    store.dialect(),
                    List.of(new InputLog.Entry(
                            caller.tenant(),
                            key,
                            store.partitions().of(caller.tenant(), id),
                            InputLog.Kind.EVENT,
                            Optional.of(id),
                            event.type(),
                            now,
                            StateJson.write(event))),
                    now);
            return null;
        });
        Respond.ok(ctx, ContactJson.view(after));
    }

    static ContactView withConsent(ContactView c, Channel channel, String purpose, boolean granted) {
        Map<Channel, Set<Purpose>> consent = new EnumMap<>(Channel.class);
        consent.putAll(c.consent());
        Set<Purpose> now = new LinkedHashSet<>(consent.getOrDefault(channel, Set.of()));
        Set<Purpose> named = purpose.equals("all")
                ? Set.of(Purpose.values())
                : Set.of(ContactJson.purpose(purpose).orElseThrow());
        Set<Channel> suppressed = new LinkedHashSet<>(c.suppressed());
        if (granted) {
            now.addAll(named);
            suppressed.remove(channel);
        } else {
            now.removeAll(named);
            if (purpose.equals("all")) {
                suppressed.add(channel);
            }
        }
        consent.put(channel, now);
        return new ContactView(
                c.id(),
                c.roles(),
                c.firstName(),
                c.lastName(),
                c.timezone(),
                c.language(),
                c.community(),
                c.state(),
                c.addresses(),
                consent,
                suppressed,
                c.preferences(),
                c.attributes(),
                c.agent(),
                c.lastActivityAt());
    }

    private void timeline(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String id = Requests.id(ctx, "id");
        existing(caller, id);
        PageRequest page = PageRequest.of(ctx, 3);
        List<ContactQueries.Line> lines =
                store.read(h -> ContactQueries.timeline(h.getConnection(), caller.tenant(), id, page));
        Respond.page(ctx, page.page(lines, ContactQueries.Line::key).map(ContactQueries.Line::view));
    }
}
