package dev.threshold.runtime.context;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Context;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.journey.AudienceQuery;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Step;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.journey.JourneyCatalog;
import dev.threshold.runtime.store.Statements;
import dev.threshold.runtime.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's read-only world, answered from the store inside a worker's transaction: contacts (with the
 * changes of the batch so far), communities, switches and overrides, history by index, parties, and audiences
 * by indexed columns. History stops at the input being processed, as it would have been when it arrived.
 */
public final class StoreContext implements Context {
    private final Connection connection;
    private final Statements statements;
    private final String tenant;
    private final JourneyCatalog catalog;
    private final Map<String, Optional<ContactView>> contacts;
    private final Map<String, Optional<CommunityView>> communities = new HashMap<>();
    private final Map<Class<?>, Object> extensions;
    private long upTo = Long.MAX_VALUE;

    /**
     * @param contacts the batch's contacts, shared with the worker, which puts the updates it makes there
     */
    public StoreContext(
            Connection connection,
            Statements statements,
            String tenant,
            JourneyCatalog catalog,
            Map<String, Optional<ContactView>> contacts,
            Map<Class<?>, Object> extensions) {
        this.connection = connection;
        this.statements = statements;
        this.tenant = tenant;
        this.catalog = catalog;
        this.contacts = contacts;
        this.extensions = Map.copyOf(extensions);
    }

    /** History answers as of this input: nothing appended after it. */
    public StoreContext at(long seq) {
        this.upTo = seq;
        return this;
    }

    @Override
    public Optional<ContactView> contact(String id) {
        return contacts.computeIfAbsent(id, k -> query(() -> Directory.findContact(connection, tenant, k)));
    }

    @Override
    public Optional<CommunityView> community(String id) {
        return communities.computeIfAbsent(id, k -> query(() -> Directory.findCommunity(connection, tenant, k)));
    }

    @Override
    public boolean enabled(String journey, Optional<String> community) {
        return query(() -> catalog.enabled(connection, tenant, journey, community, portfolioOf(community)));
    }

    @Override
    public Map<String, Object> settings(Journey journey, Optional<String> community) {
        return catalog.settings(connection, tenant, journey, community, portfolioOf(community));
    }

    @Override
    public Optional<Step.Content> copy(Journey journey, String step, Channel channel, Optional<String> community) {
        return catalog.overrides(connection, tenant)
                .copy(journey.id(), step, channel, portfolioOf(community), community);
    }

    private Optional<String> portfolioOf(Optional<String> community) {
        return community.flatMap(this::community).flatMap(CommunityView::portfolio);
    }

    @Override
    public List<Event> history(String contact, String type, Instant since) {
        return query(() -> {
            List<Event> out = new ArrayList<>();
            PreparedStatement st = statements.bound(
                    "SELECT body FROM event_log WHERE tenant_id = ? AND contact_id = ? AND type = ?"
                            + " AND occurred_at >= ? AND kind = 'event' AND seq <= ? ORDER BY seq",
                    tenant,
                    contact,
                    type,
                    since.toEpochMilli(),
                    upTo);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Event e = StateJson.read(rs.getString(1), Event.class);
                    if (!e.occurredAt().isBefore(since)) {
                        out.add(e);
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Map<String, String> parties(String subjectType, String subjectId) {
        return query(() -> {
            Map<String, String> out = new LinkedHashMap<>();
            PreparedStatement st = statements.bound(
                    "SELECT contact_id, role FROM parties WHERE tenant_id = ? AND subject_type = ? AND subject_id = ?"
                            + " ORDER BY contact_id",
                    tenant,
                    subjectType,
                    subjectId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    @Override
    public List<String> audience(AudienceQuery query, Map<String, Object> values, Event event) {
        return query(() -> new AudienceSql(tenant, query, values, event, community(event)).run(connection));
    }

    private Optional<CommunityView> community(Event event) {
        return event.community().flatMap(this::community);
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        return Optional.ofNullable(extensions.get(type)).map(type::cast);
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private <T> T query(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new StoreException("a read for tenant " + tenant + " failed: " + e.getMessage(), e);
        }
    }
}
