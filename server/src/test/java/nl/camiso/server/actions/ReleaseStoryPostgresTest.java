package nl.camiso.server.actions;

import nl.camiso.server.ServerOptions;
import nl.camiso.server.testing.FreshPostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * {@link ReleaseStory} on PostgreSQL, in a fresh database dropped afterwards. Skipped when no
 * PostgreSQL answers on {@code camiso.test.postgres} (default {@code jdbc:postgresql://127.0.0.1:5432/test},
 * user postgres, trust authentication).
 */
class ReleaseStoryPostgresTest extends ReleaseStory {

    static FreshPostgresDatabase db;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        db = FreshPostgresDatabase.create("camiso_actions_");
        startWith(new ServerOptions(null, "127.0.0.1", 0, dir.resolve("data"), db.url(), db.user(), "", null, null, true));
    }

    @AfterAll
    static void dropDatabase() {
        stop();
        if (db != null) {
            db.close();
        }
    }
}
