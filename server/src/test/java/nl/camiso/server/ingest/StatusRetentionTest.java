package nl.camiso.server.ingest;

import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.DatabaseSettings;

import java.nio.file.Path;

/** {@link StatusRetentionStory} on embedded H2 (the purge opens the data directory while the server is stopped). */
class StatusRetentionTest extends StatusRetentionStory {

    @Override
    ServerOptions options(Path config, Path dataDir) {
        return new ServerOptions(config, "127.0.0.1", 0, dataDir, null, null, null, null, null, true);
    }

    @Override
    DatabaseSettings database(Path dataDir) {
        return DatabaseSettings.h2(dataDir);
    }
}
