package nl.camiso.server.testing;

import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.DatabaseSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
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

    /** Options of a server on this database (plain HTTP on a free loopback port). */
    public ServerOptions serverOptions(Path config, Path dataDir) {
        return new ServerOptions(config, "127.0.0.1", 0, dataDir, url(), user(), "", null, null, true);
    }

    /** Settings to open this database without a server. */
    public DatabaseSettings settings() {
        return new DatabaseSettings(url(), user(), "");
    }

    /**
     * A fresh database for one test class, created before its {@code @BeforeAll} methods and
     * dropped after its {@code @AfterAll} ones:
     * {@code @RegisterExtension static final FreshPostgresDatabase.PerClass db = new FreshPostgresDatabase.PerClass("camiso_x_");}
     */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private final String prefix;
        private FreshPostgresDatabase db;

        public PerClass(String prefix) {
            this.prefix = prefix;
        }

        public FreshPostgresDatabase get() {
            return db;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            db = create(prefix);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (db != null) {
                db.close();
            }
        }
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
