package nl.camiso.server.actions;

import nl.camiso.server.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link ReleaseStory} on the embedded H2 database. */
class ReleaseStoryTest extends ReleaseStory {

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        startWith(ServerOptions.forTests(dir.resolve("data")));
    }

    @AfterAll
    static void close() {
        stop();
    }
}
