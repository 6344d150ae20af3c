package nl.camiso.server.ingest;

import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.DatabaseSettings;
import nl.camiso.server.testing.FreshPostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;

/**
 * {@link StatusRetentionStory} on PostgreSQL, in a fresh database dropped afterwards. Skipped when
 * no PostgreSQL answers (see {@link FreshPostgresDatabase}).
 */
class StatusRetentionPostgresTest extends StatusRetentionStory {

    static FreshPostgresDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = FreshPostgresDatabase.create("camiso_retention_");
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    ServerOptions options(Path config, Path dataDir) {
        return new ServerOptions(config, "127.0.0.1", 0, dataDir, db.url(), db.user(), "", null, null, true);
    }

    @Override
    DatabaseSettings database(Path dataDir) {
        return new DatabaseSettings(db.url(), db.user(), "");
    }
}
