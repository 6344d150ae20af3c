package nl.camiso.server;

import java.nio.file.Path;

/**
 * How to start a server. Command-line flags and config-file keys map onto these; tests build
 * them directly. Null means "the default".
 *
 * @param configFile  YAML configuration; null uses the bundled sample configuration
 * @param port        0 picks a free port (tests)
 * @param dataDir     where the embedded H2 database lives (default {@code ./data})
 * @param jdbcUrl     a PostgreSQL (or other) JDBC URL instead of embedded H2
 * @param loadSamples load the configuration's sample data on first start
 */
public record ServerOptions(Path configFile, String bind, int port, Path dataDir,
                            String jdbcUrl, String dbUser, String dbPassword,
                            Path keystore, String keystorePassword, boolean loadSamples) {

    /** Loopback, a free port, H2 in {@code dataDir}, bundled sample configuration with samples: for tests. */
    public static ServerOptions forTests(Path dataDir) {
        return new ServerOptions(null, "127.0.0.1", 0, dataDir, null, null, null, null, null, true);
    }
}
