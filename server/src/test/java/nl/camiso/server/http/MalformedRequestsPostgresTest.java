package nl.camiso.server.http;

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
 * {@link MalformedRequests}, the cases that bring NUL and other control characters towards the
 * database, on PostgreSQL (which cannot store NUL), in a fresh database dropped afterwards.
 * Skipped when no PostgreSQL answers on {@code camiso.test.postgres} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user postgres).
 */
class MalformedRequestsPostgresTest extends MalformedRequests {

    static final String ADMIN_URL = System.getProperty("camiso.test.postgres", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("camiso.test.postgres.user", "postgres");
    static final String DB = "camiso_malformed_" + Long.toString(System.nanoTime(), 36);

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
        server = null;
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    @Override
    boolean databaseCasesOnly() {
        return true;
    }
}
