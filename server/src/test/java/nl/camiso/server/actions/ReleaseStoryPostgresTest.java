package nl.camiso.server.actions;

import nl.camiso.server.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@link ReleaseStory} on PostgreSQL, in a fresh database dropped afterwards. Skipped when no
 * PostgreSQL answers on {@code camiso.test.postgres} (default {@code jdbc:postgresql://127.0.0.1:5432/test},
 * user postgres, trust authentication).
 */
class ReleaseStoryPostgresTest extends ReleaseStory {

    static final String ADMIN_URL = System.getProperty("camiso.test.postgres", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("camiso.test.postgres.user", "postgres");
    static final String DB = "camiso_actions_" + Long.toString(System.nanoTime(), 36);

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DB);
        } catch (SQLException e) {
            Assumptions.abort("no PostgreSQL at " + ADMIN_URL + ": " + e.getMessage());
        }
        String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + DB;
        startWith(new ServerOptions(null, "127.0.0.1", 0, dir.resolve("data"), url, USER, "", null, null, true));
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        stop();
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }
}
