package nl.camiso.server.ingest;

import nl.camiso.server.ServerOptions;
import nl.camiso.server.testing.FreshPostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

/**
 * {@link PendingMarkingsStory} on PostgreSQL, in a fresh database dropped afterwards (a restart
 * reconnects to it). Skipped when no PostgreSQL answers (see {@link FreshPostgresDatabase}).
 */
class PendingMarkingsPostgresTest extends PendingMarkingsStory {

    @RegisterExtension
    static final FreshPostgresDatabase.PerClass db = new FreshPostgresDatabase.PerClass("camiso_pending_");

    @Override
    ServerOptions options(Path config, Path dataDir) {
        return db.get().serverOptions(config, dataDir);
    }
}
