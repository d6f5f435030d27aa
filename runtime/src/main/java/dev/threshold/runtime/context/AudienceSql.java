package dev.threshold.runtime.context;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.journey.AudienceQuery;
import dev.threshold.runtime.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An audience fan-out as one indexed query: roles through {@code contact_roles}, the community or portfolio,
 * inactivity by {@code last_activity_at}, and preferences by their columns. Never a scan of contacts.
 */
final class AudienceSql {
    private final StringBuilder sql = new StringBuilder("SELECT DISTINCT c.contact_id FROM contacts c");
    private final List<Object> params = new ArrayList<>();
    private boolean impossible;

    AudienceSql(
            String tenant,
            AudienceQuery query,
            Map<String, Object> values,
            Event event,
            Optional<CommunityView> eventCommunity) {
        if (!query.roles().isEmpty()) {
            TreeSet<String> roles = new TreeSet<>(query.roles());
            sql.append(" JOIN contact_roles r ON r.tenant_id = c.tenant_id AND r.contact_id = c.contact_id")
                    .append(" AND r.role IN (")
                    .append(Sql.marks(roles.size()))
                    .append(')');
            params.addAll(roles);
        }
        sql.append(" WHERE c.tenant_id = ?");
        params.add(tenant);
        if (eventCommunity.isPresent()) {
            switch (query.scope()) {
                case ANY -> {}
                case COMMUNITY -> {
                    sql.append(" AND c.community_id = ?");
                    params.add(eventCommunity.get().id());
                }
                case PORTFOLIO -> {
                    if (eventCommunity.get().portfolio().isEmpty()) {
                        sql.append(" AND c.community_id IN (SELECT community_id FROM communities"
                                + " WHERE tenant_id = ? AND portfolio_id IS NULL)");
                        params.add(tenant);
                    } else {
                        sql.append(" AND c.community_id IN (SELECT community_id FROM communities"
                                + " WHERE tenant_id = ? AND portfolio_id = ?)");
                        params.add(tenant);
                        params.add(eventCommunity.get().portfolio().get());
                    }
                }
            }
        }
        query.inactiveFor().ifPresent(span -> {
            sql.append(" AND (c.last_activity_at IS NULL OR c.last_activity_at <= ?)");
            params.add(event.occurredAt().minus(span.approximate()).toEpochMilli());
        });
        int n = 0;
        for (AudienceQuery.Criterion c : query.where()) {
            Object value = values.get(c.preference());
            if (value == null) {
                impossible = true; // the simulator matches no one when a value is missing
                return;
            }
            String p = "p" + n++;
            String op = switch (c.op()) {
                case EQ -> " = ?";
                case GTE -> " >= ?";
                case LTE -> " <= ?";
            };
            // numbers compare as numbers, anything else as text: as the simulator compares them
            boolean numeric = value instanceof Number;
            sql.append(" AND EXISTS (SELECT 1 FROM contact_preferences ")
                    .append(p)
                    .append(" WHERE ")
                    .append(p)
                    .append(".tenant_id = c.tenant_id AND ")
                    .append(p)
                    .append(".contact_id = c.contact_id AND ")
                    .append(p)
                    .append(".name = ? AND ")
                    .append(p)
                    .append(numeric ? ".number" : ".text")
                    .append(op)
                    .append(')');
            params.add(c.preference());
            params.add(numeric ? (Object) ((Number) value).doubleValue() : value.toString());
        }
        sql.append(" ORDER BY c.contact_id");
    }

    List<String> run(Connection connection) throws SQLException {
        if (impossible) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql.toString())) {
            Sql.bind(st, params.toArray());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
