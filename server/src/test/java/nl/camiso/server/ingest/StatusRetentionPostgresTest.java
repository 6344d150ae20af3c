package nl.camiso.server.ingest;

import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.DatabaseSettings;
import nl.camiso.server.testing.FreshPostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

/**
 * {@link StatusRetentionStory} on PostgreSQL, in a fresh database dropped afterwards. Skipped when
 * no PostgreSQL answers (see {@link FreshPostgresDatabase}).
 */
class StatusRetentionPostgresTest extends StatusRetentionStory {

    @RegisterExtension
    static final FreshPostgresDatabase.PerClass db = new FreshPostgresDatabase.PerClass("camiso_retention_");

    @Override
    ServerOptions options(Path config, Path dataDir) {
        return db.get().serverOptions(config, dataDir);
    }

    @Override
    DatabaseSettings database(Path dataDir) {
        return db.get().settings();
    }
}
