package dev.threshold.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC for the hot paths: statements batched over many rows, parameters bound by their Java type.
 * Absent values are typed ({@link #text(Optional)}, {@link #number(Optional)}) because PostgreSQL wants to
 * know what a NULL is.
 */
public final class Sql {
    private Sql() {}

    /** A NULL of a SQL type. */
    public record Null(int type) {}

    public static final Null NULL_TEXT = new Null(Types.VARCHAR);
    public static final Null NULL_BIGINT = new Null(Types.BIGINT);
    public static final Null NULL_REAL = new Null(Types.DOUBLE);

    public static Object text(Optional<String> value) {
        return value.<Object>map(v -> v).orElse(NULL_TEXT);
    }

    public static Object number(Optional<? extends Number> value) {
        return value.<Object>map(v -> v).orElse(NULL_BIGINT);
    }

    public static Object millis(Optional<Instant> value) {
        return value.<Object>map(Instant::toEpochMilli).orElse(NULL_BIGINT);
    }

    public static void bind(PreparedStatement st, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            switch (p) {
                case null -> st.setNull(i + 1, Types.VARCHAR);
                case Null n -> st.setNull(i + 1, n.type());
                case String s -> st.setString(i + 1, s);
                case Long l -> st.setLong(i + 1, l);
                case Integer n -> st.setInt(i + 1, n);
                case Double d -> st.setDouble(i + 1, d);
                case Boolean b -> st.setInt(i + 1, b ? 1 : 0);
                case Instant t -> st.setLong(i + 1, t.toEpochMilli());
                default ->
                    throw new IllegalArgumentException(
                            "cannot bind a " + p.getClass().getSimpleName());
            }
        }
    }

    /** Runs one statement once per row, as one batch; returns the update count of each row. */
    public static int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(st, row);
                st.addBatch();
            }
            return st.executeBatch();
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            return st.executeUpdate();
        }
    }

    /** {@code ?, ?, ?} for an IN list of n values. */
    public static String marks(int n) {
        List<String> m = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            m.add("?");
        }
        return String.join(", ", m);
    }
}
