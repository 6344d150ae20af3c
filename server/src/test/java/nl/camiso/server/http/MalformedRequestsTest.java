package nl.camiso.server.http;

import nl.camiso.server.ServerOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link MalformedRequests}, every case, on the real server with embedded H2. */
class MalformedRequestsTest extends MalformedRequests {

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        startWith(ServerOptions.forTests(dir.resolve("data")));
    }

    @Override
    boolean databaseCasesOnly() {
        return false;
    }
}
