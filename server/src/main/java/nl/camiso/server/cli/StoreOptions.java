package nl.camiso.server.cli;

import nl.camiso.server.ServerOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the configuration and the database are: shared by serve, user and token, so they all use the same database. */
final class StoreOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration (default: samples/camiso.yaml of the project)")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the embedded H2 database and the JWT secret (default: server.data_dir, else ./data)")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC-URL",
            description = "A JDBC URL instead of embedded H2, e.g. jdbc:postgresql://127.0.0.1:5432/test")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "Database password")
    String dbPassword;

    /** Options for the maintenance commands: no listener, no samples. */
    ServerOptions toServerOptions() {
        return new ServerOptions(config, null, ServerOptions.PORT_FROM_CONFIG, dataDir, dbUrl, dbUser, dbPassword,
                null, null, false);
    }
}
