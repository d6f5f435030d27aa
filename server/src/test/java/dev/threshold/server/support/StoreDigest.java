package dev.threshold.server.support;

import dev.threshold.runtime.store.Store;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A digest of what a store holds — every row of every table (but Flyway's own), or only one tenant's — to prove
 * that requests changed nothing.
 */
public final class StoreDigest {
    private StoreDigest() {}

    public static String of(Store store) {
        return of(store, Optional.empty());
    }

    public static String ofTenant(Store store, String tenant) {
        return of(store, Optional.of(tenant));
    }

    private static String of(Store store, Optional<String> tenant) {
        return store.read(h -> {
            Connection c = h.getConnection();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String table : tables(c)) {
                if (tenant.isPresent() && !hasTenant(c, table)) {
                    continue;
                }
                String where = tenant.map(t -> " WHERE tenant_id = '" + t.replace("'", "''") + "'")
                        .orElse("");
                TreeMap<String, Integer> rows = new TreeMap<>();
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT * FROM " + table + where)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.append(meta.getColumnName(i).toLowerCase(Locale.ROOT))
                                    .append('=')
                                    .append(rs.getString(i))
                                    .append('\u0001');
                        }
                        rows.merge(row.toString(), 1, Integer::sum);
                    }
                }
                md.update((table + rows).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        });
    }

    static List<String> tables(Connection c) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                String schema = rs.getString("TABLE_SCHEM");
                if (!name.startsWith("flyway_")
                        && !name.startsWith("sqlite_")
                        && (schema == null || schema.equals("public"))) {
                    out.add(name);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean hasTenant(Connection c, String table) throws java.sql.SQLException {
        try (ResultSet rs = c.getMetaData().getColumns(null, null, table, "tenant_id")) {
            return rs.next();
        }
    }
}
