package nl.camiso.server.feeds;

import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.DatabaseSettings;
import nl.camiso.server.testing.FreshPostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * {@link FeedAddressStory} on PostgreSQL, in a fresh database dropped afterwards (skipped when no
 * PostgreSQL answers, see {@link FreshPostgresDatabase}).
 */
class FeedAddressesPostgresTest extends FeedAddressStory {

    static FreshPostgresDatabase db;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        db = FreshPostgresDatabase.create("camiso_feed_addresses_");
        startWith(new ServerOptions(null, "127.0.0.1", 0, dir.resolve("data"), db.url(), db.user(), "", null, null, true),
                new DatabaseSettings(db.url(), db.user(), ""));
    }

    @AfterAll
    static void end() {
        stop();
        if (db != null) {
            db.close();
        }
    }
}
