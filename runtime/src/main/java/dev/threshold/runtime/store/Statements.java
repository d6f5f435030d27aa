package dev.threshold.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements kept for one use of a connection (a worker's batch), so a query run for every input is
 * parsed and planned once per batch instead of once per input. SQLite spends more on preparing a statement
 * than on running a small one.
 */
public final class Statements implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    public Statements(Connection connection) {
        this.connection = connection;
    }

    /** The statement for this SQL, prepared on first use, with its parameters bound anew. */
    public PreparedStatement bound(String sql, Object... params) throws SQLException {
        PreparedStatement st = prepared.get(sql);
        if (st == null) {
            st = connection.prepareStatement(sql);
            prepared.put(sql, st);
        } else {
            st.clearParameters();
        }
        Sql.bind(st, params);
        return st;
    }

    @Override
    public void close() {
        for (PreparedStatement st : prepared.values()) {
            try {
                st.close();
            } catch (SQLException e) {
                throw new StoreException("cannot close a prepared statement: " + e.getMessage(), e);
            }
        }
        prepared.clear();
    }
}
