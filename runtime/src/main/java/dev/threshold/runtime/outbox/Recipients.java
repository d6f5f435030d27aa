package dev.threshold.runtime.outbox;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.guardrail.ConsentChange;
import dev.threshold.engine.guardrail.Guardrails;
import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.consent.Consents;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the guardrails need about the people and places of a dispatch batch, read with a few queries for the whole
 * batch: each recipient as the guardrails must see them (the stored contact with its recorded consent changes
 * applied), the communities, and the marketing sent to each recipient within the longest frequency-cap window.
 */
final class Recipients {
    /** The longest frequency-cap window the guardrails count back over. */
    static final Duration CAP_LOOKBACK = Duration.ofDays(31);

    private final Map<String, Optional<ContactView>> contacts = new HashMap<>();
    private final Map<String, List<ConsentChange>> changes = new HashMap<>();
    private final Map<String, Optional<CommunityView>> communities = new HashMap<>();
    private final Map<String, List<Guardrails.Sent>> recent = new HashMap<>();
    private final Map<String, String> endReasons = new HashMap<>();

    private Recipients() {}

    /** Why a message's instance ended, as its last ending fact says (for a withdrawn message). */
    Optional<String> endReason(String tenant, dev.threshold.engine.core.Effect.SendMessage m) {
        return Optional.ofNullable(endReasons.get(key(tenant, m.instance())));
    }

    private void readEndReason(Connection c, String tenant, dev.threshold.engine.core.Effect.SendMessage m)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT detail FROM facts WHERE tenant_id = ?"
                + " AND contact_id = ? AND instance_id = ?"
                + " AND kind IN ('completed', 'exited', 'ended', 'cancelled', 'failed') ORDER BY seq DESC LIMIT 1")) {
            Sql.bind(st, tenant, m.recipient().orElse(""), m.instance());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    Object why = dev.threshold.engine.core.StateJson.read(rs.getString(1), Map.class)
                            .get("reason");
                    if (why != null) {
                        endReasons.put(key(tenant, m.instance()), why.toString());
                    }
                }
            }
        }
    }

    static Recipients read(Connection c, List<Due> due, Instant now) throws SQLException {
        Recipients r = new Recipients();
        Map<String, Set<String>> people = new HashMap<>();
        Map<String, Set<String>> places = new HashMap<>();
        for (Due d : due) {
            if (d instanceof Due.Journey j && j.ended().isPresent()) {
                r.readEndReason(c, d.tenant(), j.message());
            }
            d.contact()
                    .ifPresent(ct -> people.computeIfAbsent(d.tenant(), t -> new TreeSet<>())
                            .add(ct));
            community(d)
                    .ifPresent(id -> places.computeIfAbsent(d.tenant(), t -> new TreeSet<>())
                            .add(id));
        }
        for (Map.Entry<String, Set<String>> e : people.entrySet()) {
            Set<String> theirs = r.readPeople(c, e.getKey(), List.copyOf(e.getValue()), now);
            places.computeIfAbsent(e.getKey(), t -> new TreeSet<>()).addAll(theirs);
        }
        for (Map.Entry<String, Set<String>> e : places.entrySet()) {
            for (String id : e.getValue()) {
                r.communities.put(key(e.getKey(), id), Directory.findCommunity(c, e.getKey(), id));
            }
        }
        return r;
    }

    private static Optional<String> community(Due d) {
        return switch (d) {
            case Due.Journey j -> j.message().community();
            case Due.Answer a -> a.reply().community();
        };
    }

    /** Reads a tenant's recipients; returns the communities they belong to. */
    private Set<String> readPeople(Connection c, String tenant, List<String> ids, Instant now) throws SQLException {
        Map<String, ContactView> found = Directory.findContacts(c, tenant, ids);
        Map<String, List<ConsentChange>> recorded = Consents.current(c, tenant, found.values());
        for (String id : ids) {
            List<ConsentChange> mine = recorded.getOrDefault(id, List.of());
            contacts.put(key(tenant, id), Optional.ofNullable(found.get(id)).map(v -> ConsentChange.apply(v, mine)));
            changes.put(key(tenant, id), mine);
            recent.put(key(tenant, id), new ArrayList<>());
        }
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            Object[] params = new Object[chunk.size() + 2];
            params[0] = tenant;
            params[1] = now.minus(CAP_LOOKBACK).toEpochMilli();
            for (int i = 0; i < chunk.size(); i++) {
                params[i + 2] = chunk.get(i);
            }
            try (PreparedStatement st = c.prepareStatement("SELECT contact_id, channel, at FROM deliveries"
                    + " WHERE tenant_id = ? AND at > ? AND outcome = 'sent' AND purpose = 'marketing'"
                    + " AND contact_id IN (" + Sql.marks(chunk.size()) + ")")) {
                Sql.bind(st, params);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        recent.get(key(tenant, rs.getString(1)))
                                .add(new Guardrails.Sent(
                                        Channel.parse(rs.getString(2)).orElseThrow(),
                                        Instant.ofEpochMilli(rs.getLong(3))));
                    }
                }
            }
        }
        Set<String> theirs = new TreeSet<>();
        found.values().forEach(v -> v.community().ifPresent(theirs::add));
        return theirs;
    }

    /** The recipient as the guardrails see them; empty when no such contact is stored. */
    Optional<ContactView> contact(String tenant, String id) {
        return contacts.getOrDefault(key(tenant, id), Optional.empty());
    }

    Optional<CommunityView> community(String tenant, String id) {
        return communities.getOrDefault(key(tenant, id), Optional.empty());
    }

    List<Guardrails.Sent> recent(String tenant, String contact) {
        return recent.getOrDefault(key(tenant, contact), List.of());
    }

    /** Counts a marketing message sent in this batch against the recipient's caps. */
    void remember(String tenant, String contact, Guardrails.Sent sent) {
        recent.computeIfAbsent(key(tenant, contact), k -> new ArrayList<>()).add(sent);
    }

    /** The consent changes recorded for a recipient's addresses, for the reason of a skip; empty when none. */
    String consentNote(String tenant, String contact) {
        List<ConsentChange> mine = changes.getOrDefault(key(tenant, contact), List.of());
        if (mine.isEmpty()) {
            return "";
        }
        return "; recorded: " + mine.stream().map(ConsentChange::describe).collect(Collectors.joining("; "));
    }

    private static String key(String tenant, String id) {
        return tenant + "\u0000" + id;
    }
}
