package nl.camiso.server.auth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link JwtAttackSuite} on embedded H2. */
class JwtAttackTest extends JwtAttackSuite {

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        formCases = true;
        startWith(dir, null, null);
    }

    @AfterAll
    static void end() {
        stop();
    }
}
