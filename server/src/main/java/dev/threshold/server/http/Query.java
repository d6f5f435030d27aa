package dev.threshold.server.http;

import dev.threshold.runtime.store.Sql;
import dev.threshold.server.auth.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A SELECT assembled from optional filters, its parameters kept beside the text in order, so a list endpoint can
 * add {@code AND journey_id = ?} only when asked without building SQL from what a caller typed.
 *
 * <pre>{@code
 * Query q = new Query("SELECT ... FROM instances WHERE tenant_id = ?", tenant);
 * journey.ifPresent(j -> q.and("journey_id = ?", j));
 * List<Row> rows = q.append(" ORDER BY instance_id LIMIT ?", limit).list(c, Row::of);
 * }</pre>
 */
public final class Query {
    private final StringBuilder sql;
    private final List<Object> params = new ArrayList<>();

    public Query(String select, Object... params) {
        this.sql = new StringBuilder(select);
        this.params.addAll(List.of(params));
    }

    /** Adds {@code AND condition} with its values. */
    public Query and(String condition, Object... values) {
        sql.append(" AND ").append(condition);
        params.addAll(List.of(values));
        return this;
    }

    public Query and(Scope.Fragment fragment) {
        sql.append(fragment.sql());
        params.addAll(fragment.params());
        return this;
    }

    public Query append(String text, Object... values) {
        sql.append(text);
        params.addAll(List.of(values));
        return this;
    }

    /** Reads a row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    public <T> List<T> list(Connection c, RowReader<T> reader) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            Sql.bind(st, params.toArray());
            try (ResultSet rs = st.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
                return out;
            }
        }
    }

    public String sql() {
        return sql.toString();
    }
}
