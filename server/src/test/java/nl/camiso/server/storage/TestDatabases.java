package nl.camiso.server.storage;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Fresh, empty databases for tests: H2 in a temporary folder, or a new schema in the local
 * PostgreSQL ({@code jdbc:postgresql://127.0.0.1:5432/test}, user postgres; the system property
 * {@code camiso.test.pg.url} overrides the URL). PostgreSQL tests are skipped when it is not reachable.
 */
final class TestDatabases {

    static final String PG_URL = System.getProperty("camiso.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getProperty("camiso.test.pg.user", "postgres");

    static {
        // no logback configuration in this module's tests: keep Hibernate's DEBUG output out of the build log
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
    }

    private TestDatabases() {
    }

    /** A throw-away database; {@link #close()} removes it. */
    interface TestDb extends AutoCloseable {
        DatabaseSettings settings();

        @Override
        void close();
    }

    static TestDb h2() {
        try {
            Path dir = Files.createTempDirectory("camiso-h2-");
            DatabaseSettings settings = DatabaseSettings.h2(dir);
            return new TestDb() {
                public DatabaseSettings settings() {
                    return settings;
                }

                public void close() {
                    deleteTree(dir);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new schema in the local PostgreSQL; skips the calling test when there is none. */
    static TestDb postgres() {
        String schema = "camiso_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = adminConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL not reachable at " + PG_URL + ": " + e.getMessage());
        }
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        DatabaseSettings settings = new DatabaseSettings(url, PG_USER, "");
        return new TestDb() {
            public DatabaseSettings settings() {
                return settings;
            }

            public void close() {
                try (Connection c = adminConnection(); Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA " + schema + " CASCADE");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop test schema " + schema, e);
                }
            }
        };
    }

    private static Connection adminConnection() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", PG_USER);
        p.setProperty("password", "");
        p.setProperty("connectTimeout", "3");
        p.setProperty("loginTimeout", "3");
        return DriverManager.getConnection(PG_URL, p);
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
