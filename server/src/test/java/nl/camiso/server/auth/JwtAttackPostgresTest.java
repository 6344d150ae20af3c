package nl.camiso.server.auth;

import nl.camiso.server.testing.FreshPostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * {@link JwtAttackSuite} on PostgreSQL, in a fresh database dropped afterwards: the cases about stored
 * accounts (their ids and token generations live there: deletion, re-creation, password change,
 * lifetime, renewal); the rest runs on H2 only. Skipped when no PostgreSQL answers on
 * {@code camiso.test.postgres}.
 */
class JwtAttackPostgresTest extends JwtAttackSuite {

    static FreshPostgresDatabase db;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        db = FreshPostgresDatabase.create("camiso_jwt_");
        formCases = false;
        startWith(dir, db.url(), db.user());
    }

    @AfterAll
    static void end() {
        stop();
        if (db != null) {
            db.close();
        }
    }
}
