package nl.camiso.server.testing;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A new, empty PostgreSQL database for a test class that runs a whole server on it, dropped by
 * {@link #close()}. {@link #create} skips the calling test class when no PostgreSQL answers on
 * {@code camiso.test.postgres} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code camiso.test.postgres.user}, default postgres, trust authentication).
 */
public final class FreshPostgresDatabase implements AutoCloseable {

    private static final String ADMIN_URL = System.getProperty("camiso.test.postgres", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("camiso.test.postgres.user", "postgres");

    private final String name;

    private FreshPostgresDatabase(String name) {
        this.name = name;
    }

    /** @param prefix a lower-case SQL identifier prefix naming the test, e.g. {@code camiso_jwt_} */
    public static FreshPostgresDatabase create(String prefix) {
        String name = prefix + Long.toString(System.nanoTime(), 36);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            Assumptions.abort("no PostgreSQL at " + ADMIN_URL + ": " + e.getMessage());
        }
        return new FreshPostgresDatabase(name);
    }

    public String url() {
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return USER;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }
}
