package dev.threshold.server.api.channels;

import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.guardrail.ConsentChange;
import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.Messaging;
import dev.threshold.runtime.consent.Consents;
import dev.threshold.runtime.inbound.HttpAnswer;
import dev.threshold.runtime.portal.PortalNotifications;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.api.contacts.ContactQueries;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.PageRequest;
import dev.threshold.server.http.Requests;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the channels give back to people and staff over HTTP:
 *
 * <ul>
 *   <li>{@code GET} and {@code POST /unsubscribe/{token}}: the unsubscribe link of every marketing email (a page
 *       that asks to confirm; the button and the RFC 8058 one-click withdraw marketing email consent). No API key:
 *       the signed token is the authority. 404 when the server has no {@code channels.unsubscribe}.</li>
 *   <li>{@code GET /v1/contacts/{id}/notifications} and {@code POST /v1/contacts/{id}/notifications/{key}/read}: a
 *       contact's portal notifications, newest first, and marking one read.</li>
 *   <li>{@code GET /v1/contacts/{id}/consent}: the consent the dispatcher applies now, and every recorded change
 *       with its source and time ({@code PUT /v1/contacts/{id}/consent} records one).</li>
 * </ul>
 *
 * The contact routes are scoped like every contact route: another tenant's contact, or one of a community the key
 * does not see, is 404.
 */
public final class MessagingResource implements Resource {
    /** The largest unsubscribe body read: a one-click post is 26 bytes. */
    private static final long MAX_UNSUBSCRIBE_BODY = 4096;

    private final Store store;
    private final Messaging messaging;

    public MessagingResource(Store store, Messaging messaging) {
        this.store = store;
        this.messaging = messaging;
    }

    @Override
    public void register(Routes routes) {
        routes.open(HandlerType.GET, "/unsubscribe/{token}", this::unsubscribePage);
        routes.open(HandlerType.POST, "/unsubscribe/{token}", this::unsubscribe);
        routes.get("/v1/contacts/{id}/notifications", Permission.READ, this::notifications);
        routes.post("/v1/contacts/{id}/notifications/{key}/read", Permission.WRITE_CONTACTS, this::markRead);
        routes.get("/v1/contacts/{id}/consent", Permission.READ, this::consent);
    }

    private void unsubscribePage(Context ctx) {
        String token = Requests.id(ctx, "token");
        page(ctx, messaging.unsubscribing().orElseThrow(() -> notConfigured()).page(token));
    }

    private void unsubscribe(Context ctx) {
        String token = Requests.id(ctx, "token");
        var unsubscribing = messaging.unsubscribing().orElseThrow(() -> notConfigured());
        String body = new String(Requests.body(ctx, MAX_UNSUBSCRIBE_BODY), StandardCharsets.UTF_8);
        page(ctx, unsubscribing.unsubscribe(token, body));
    }

    private static ApiError notConfigured() {
        return ApiError.of(
                404,
                "channel_not_configured",
                "this server sends no unsubscribe links: set channels.unsubscribe in its configuration"
                        + " (docs/channels.md, \"Setting channels up\")");
    }

    private static void page(Context ctx, HttpAnswer answer) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer"); // the token must not leave in a Referer
        ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
    }

    private void notifications(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String id = existing(caller, Requests.id(ctx, "id")).id();
        String u = ctx.queryParam("unread");
        boolean unread = u != null && u.equalsIgnoreCase("true");
        if (u != null && !unread && !u.equalsIgnoreCase("false")) {
            throw ApiError.badParameter("unread", "expected true or false");
        }
        int limit = PageRequest.DEFAULT_LIMIT;
        String l = ctx.queryParam("limit");
        if (l != null) {
            long n = PageRequest.number(l);
            if (n < 1 || n > PortalNotifications.MAX_PAGE) {
                throw ApiError.badParameter("limit", "expected a number from 1 to " + PortalNotifications.MAX_PAGE);
            }
            limit = (int) n;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (PortalNotifications.Notification n : messaging.portal().list(caller.tenant(), id, unread, limit)) {
            items.add(view(n));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("unread", messaging.portal().unread(caller.tenant(), id));
        Respond.ok(ctx, body);
    }

    private static Map<String, Object> view(PortalNotifications.Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", n.key());
        n.community().ifPresent(c -> m.put("community", c));
        m.put("journey", n.journey());
        m.put("step", n.step());
        m.put("purpose", n.purpose());
        n.subject().ifPresent(s -> m.put("subject", s));
        m.put("body", n.body());
        m.put("created_at", n.createdAt());
        m.put("read", n.readAt().isPresent());
        n.readAt().ifPresent(r -> m.put("read_at", r));
        return m;
    }

    private void markRead(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String id = existing(caller, Requests.id(ctx, "id")).id();
        String key = Requests.id(ctx, "key");
        if (!messaging.portal().markRead(caller.tenant(), id, key)) {
            throw ApiError.notFound("notification", key);
        }
        Respond.ok(
                ctx,
                messaging.portal().list(caller.tenant(), id, false, PortalNotifications.MAX_PAGE).stream()
                        .filter(n -> n.key().equals(key))
                        .findFirst()
                        .map(MessagingResource::view)
                        .orElseThrow(() -> ApiError.notFound("notification", key)));
    }

    private void consent(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String id = existing(caller, Requests.id(ctx, "id")).id();
        Consents consents = messaging.consents();
        ContactView now = consents.effective(caller.tenant(), id).orElseThrow(() -> ApiError.notFound("contact", id));
        Map<String, Object> effective = new TreeMap<>();
        now.consent()
                .forEach((ch, ps) -> effective.put(
                        ch.id(),
                        ps.stream()
                                .map(p -> p.name().toLowerCase(Locale.ROOT))
                                .sorted()
                                .toList()));
        List<Map<String, Object>> history = new ArrayList<>();
        for (Consents.Recorded r : consents.history(caller.tenant(), id)) {
            ConsentChange c = r.change();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", c.at());
            m.put("channel", c.channel().id());
            m.put("address", c.address());
            m.put("purpose", c.scope().id());
            m.put("granted", c.granted());
            m.put("reason", c.reason().id());
            m.put("source", c.source());
            r.contact().ifPresent(x -> m.put("contact", x));
            history.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contact", id);
        body.put("consent", effective);
        body.put(
                "suppressed",
                now.suppressed().stream().map(Channel::id).sorted().toList());
        body.put("history", history);
        Respond.ok(ctx, body);
    }

    /** The contact, or 404 when the tenant has none of that id or the key does not see its community. */
    private ContactView existing(Caller caller, String id) {
        return store.read(h -> ContactQueries.find(h.getConnection(), caller, id))
                .orElseThrow(() -> ApiError.notFound("contact", id));
    }
}
