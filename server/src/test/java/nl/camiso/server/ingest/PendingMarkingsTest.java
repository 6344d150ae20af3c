package nl.camiso.server.ingest;

import nl.camiso.server.ServerOptions;

import java.nio.file.Path;

/** {@link PendingMarkingsStory} on embedded H2 (a restart reopens the same data directory). */
class PendingMarkingsTest extends PendingMarkingsStory {

    @Override
    ServerOptions options(Path config, Path dataDir) {
        return new ServerOptions(config, "127.0.0.1", 0, dataDir, null, null, null, null, null, true);
    }
}
