package nl.camiso.server.auth;

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
 * {@link JwtAttackSuite} on PostgreSQL, in a fresh database dropped afterwards: the cases about stored
 * accounts (their ids and token generations live there: deletion, re-creation, password change,
 * lifetime, renewal); the rest runs on H2 only. Skipped when no PostgreSQL answers on
 * {@code camiso.test.postgres}.
 */
class JwtAttackPostgresTest extends JwtAttackSuite {

    static final String ADMIN_URL = System.getProperty("camiso.test.postgres", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("camiso.test.postgres.user", "postgres");
    static final String DB = "camiso_jwt_" + Long.toString(System.nanoTime(), 36);

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DB);
        } catch (SQLException e) {
            Assumptions.abort("no PostgreSQL at " + ADMIN_URL + ": " + e.getMessage());
        }
        formCases = false;
        startWith(dir, ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + DB, USER);
    }

    @AfterAll
    static void end() throws SQLException {
        stop();
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }
}
