package nl.camiso.server.feeds;

import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link FeedAddressStory} on the embedded H2 database. */
class FeedAddressesOverHttpTest extends FeedAddressStory {

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        startWith(ServerOptions.forTests(dir.resolve("data")), DatabaseSettings.h2(dir.resolve("data")));
    }

    @AfterAll
    static void end() {
        stop();
    }
}
