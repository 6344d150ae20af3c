package nl.camiso.server;

import java.nio.file.Path;

/**
 * How to start a server. Command-line flags and config-file keys map onto these; tests build
 * them directly. Null means "the default".
 *
 * @param configFile  YAML configuration; null uses the bundled sample configuration
 * @param bind        address to listen on; null takes {@code server.bind} of the configuration
 * @param port        0 picks a free port (tests); {@link #PORT_FROM_CONFIG} (or any negative
 *                    value) takes {@code server.port} of the configuration
 * @param dataDir     where the embedded H2 database lives (default: {@code server.data_dir}, else {@code ./data})
 * @param jdbcUrl     a PostgreSQL (or other) JDBC URL instead of embedded H2 (default: {@code server.database.url})
 * @param keystore    a PKCS12 keystore: serve HTTPS (default: {@code server.tls.keystore})
 * @param loadSamples load the configuration's sample data on first start
 */
public record ServerOptions(Path configFile, String bind, int port, Path dataDir,
                            String jdbcUrl, String dbUser, String dbPassword,
                            Path keystore, String keystorePassword, boolean loadSamples) {

    /** {@code port}: use the configuration's {@code server.port}. */
    public static final int PORT_FROM_CONFIG = -1;

    /** Loopback, a free port, H2 in {@code dataDir}, bundled sample configuration with samples: for tests. */
    public static ServerOptions forTests(Path dataDir) {
        return new ServerOptions(null, "127.0.0.1", 0, dataDir, null, null, null, null, null, true);
    }
}
