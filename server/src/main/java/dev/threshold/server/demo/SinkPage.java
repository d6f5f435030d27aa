package dev.threshold.server.demo;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.dashboard.Chrome;
import dev.threshold.server.dashboard.View;
import dev.threshold.server.dashboard.session.PageGate;
import dev.threshold.server.dashboard.session.Sessions;
import dev.threshold.server.http.Query;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code /demo/messages}: the demo's inbox — every email and text its local sinks received, newest first, each with
 * the contact it reached and the time there; {@code ?contact=} shows one person's. Mounted by {@code threshold
 * demo} only.
 */
public final class SinkPage implements Resource {
    static final String PATH = "/demo/messages";
    private static final int SHOWN = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm");

    private final Sink sink;
    private final Store store;
    private final PageGate gate;

    SinkPage(Sink sink, Store store, PageGate gate) {
        this.sink = sink;
        this.store = store;
        this.gate = gate;
    }

    @Override
    public void register(Routes routes) {
        routes.page(HandlerType.GET, PATH, gate.page(Permission.READ, this::list));
    }

    /** A message as the page shows it: who it reached, and when in UTC and in their own timezone. */
    public record Line(Sink.Message message, Optional<String> contact, String utc, String local) {}

    private void list(Context ctx, Sessions.Session s) {
        String tenant = s.caller().tenant();
        Optional<String> contact = Optional.ofNullable(ctx.queryParam("contact"))
                .map(String::strip)
                .filter(c -> !c.isEmpty());
        Optional<String> channel = Optional.ofNullable(ctx.queryParam("channel"))
                .filter(c -> List.of("email", "sms").contains(c));
        List<Line> lines = store.read(h -> {
            Connection c = h.getConnection();
            Predicate<Sink.Message> which =
                    m -> channel.map(m.channel()::equals).orElse(true);
            if (contact.isPresent()) {
                which = which.and(Sink.to(addressesOf(c, tenant, contact.get())));
            }
            Map<String, Optional<String>> contacts = new HashMap<>();
            Map<String, Optional<ZoneId>> zones = new HashMap<>();
            List<Line> out = new java.util.ArrayList<>();
            for (Sink.Message m : sink.newest(which, SHOWN)) {
                Optional<String> who = contacts.computeIfAbsent(m.to(), to -> contactOf(c, tenant, to));
                Optional<ZoneId> zone = who.flatMap(id -> zones.computeIfAbsent(id, x -> zoneOf(c, tenant, x)));
                out.add(new Line(m, who, WHEN.format(m.at().atZone(ZoneOffset.UTC)) + " UTC", local(m.at(), zone)));
            }
            return out;
        });
        View.render(
                ctx,
                "demo/messages.jte",
                Map.of(
                        "chrome", Chrome.of("Messages", "messages", s),
                        "lines", lines,
                        "contact", contact.orElse(""),
                        "channel", channel.orElse(""),
                        "emails", sink.count(Optional.of("email")),
                        "texts", sink.count(Optional.of("sms"))));
    }

    private static String local(Instant at, Optional<ZoneId> zone) {
        return zone.map(z -> WHEN.format(at.atZone(z)) + " in " + z.getId()).orElse("");
    }

    private static Set<String> addressesOf(Connection c, String tenant, String contact) throws SQLException {
        return Set.copyOf(new Query(
                        "SELECT value FROM contact_identities WHERE tenant_id = ? AND contact_id = ?"
                                + " AND kind IN ('email', 'phone')",
                        tenant,
                        contact)
                .list(c, rs -> rs.getString(1)));
    }

    private static Optional<String> contactOf(Connection c, String tenant, String address) {
        try {
            return new Query(
                            "SELECT contact_id FROM contact_identities WHERE tenant_id = ? AND kind = ? AND value = ?",
                            tenant,
                            address.contains("@") ? "email" : "phone",
                            address)
                    .list(c, rs -> rs.getString(1)).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The contact's own timezone, else their community's: the one quiet hours are kept in. */
    private static Optional<ZoneId> zoneOf(Connection c, String tenant, String contact) {
        try {
            Optional<ContactView> v = Directory.findContact(c, tenant, contact);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            if (v.get().timezone().isPresent()) {
                return v.get().timezone();
            }
            Optional<String> community = v.get().community();
            return community.isEmpty()
                    ? Optional.empty()
                    : Directory.findCommunity(c, tenant, community.get()).map(CommunityView::timezone);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
