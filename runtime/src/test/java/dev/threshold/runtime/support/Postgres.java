package dev.threshold.runtime.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL server (127.0.0.1:5432, user postgres, trust) that tests run on, one fresh database per
 * use, dropped afterwards. When the server cannot be reached, the test fails under {@code CI=true} and is
 * skipped with the reason printed otherwise: never a silent skip.
 */
public final class Postgres {
    public static final String SERVER = System.getProperty("threshold.pg.url", "jdbc:postgresql://127.0.0.1:5432/");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Postgres() {}

    /** Creates a database and returns its JDBC URL. */
    public static String createDatabase() {
        String name = "threshold_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet() + "_"
                + Long.toHexString(System.nanoTime() & 0xffffff);
        try (Connection c = admin();
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            unreachable(e);
        }
        return SERVER + name;
    }

    public static void dropDatabase(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = admin();
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + name, e);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(SERVER + "postgres", "postgres", "");
    }

    private static void unreachable(SQLException e) {
        String why = "PostgreSQL is not reachable at " + SERVER + " (" + e.getMessage() + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + "; under CI=true this fails the build. Start it: pg_ctlcluster 15 main start");
        }
        System.err.println("SKIPPED: " + why);
        Assumptions.abort(why);
    }
}
