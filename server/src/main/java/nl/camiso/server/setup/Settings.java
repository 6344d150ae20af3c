package nl.camiso.server.setup;

import nl.camiso.server.ServerOptions;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.ConfigLoader;
import nl.camiso.server.config.JwtConfig;
import nl.camiso.server.config.ServerConfig;
import nl.camiso.server.storage.DatabaseSettings;

import java.nio.file.Path;

/**
 * Everything a start needs, after command-line flags ({@link ServerOptions}) have overridden
 * the configuration file. The CLI's {@code user} and {@code token} commands resolve the same
 * way, so they work on the same database as {@code serve}.
 *
 * @param keystore null for plain HTTP
 */
public record Settings(CamisoConfig config, String bind, int port, Path dataDir, DatabaseSettings database,
                       Path keystore, String keystorePassword, boolean loadSamples) {

    public static Settings resolve(ServerOptions o) {
        CamisoConfig config = ConfigLoader.loadOrDefault(o.configFile());
        ServerConfig s = config.server();
        Path dataDir = (o.dataDir() != null ? o.dataDir() : Path.of(s.dataDir())).toAbsolutePath().normalize();
        DatabaseSettings db;
        if (o.jdbcUrl() != null) {
            db = new DatabaseSettings(o.jdbcUrl(), o.dbUser(), o.dbPassword());
        } else if (s.database() != null) {
            db = new DatabaseSettings(s.database().url(),
                    o.dbUser() != null ? o.dbUser() : s.database().user(),
                    o.dbPassword() != null ? o.dbPassword() : s.database().password());
        } else {
            db = DatabaseSettings.h2(dataDir);
        }
        Path keystore = o.keystore();
        String keystorePassword = o.keystorePassword();
        if (keystore == null && s.tls() != null) {
            keystore = Path.of(s.tls().keystore());
        }
        if (keystorePassword == null && s.tls() != null) {
            keystorePassword = s.tls().keystorePassword();
        }
        if (keystore != null && keystorePassword == null) {
            throw new StartupException("a keystore needs its password (--keystore-password or server.tls.keystore_password)");
        }
        return new Settings(config, o.bind() != null ? o.bind() : s.bind(),
                o.port() >= 0 ? o.port() : s.port(), dataDir, db, keystore, keystorePassword, o.loadSamples());
    }

    /** The HS256 secret of {@code camiso token}: {@code server.jwt.hmac_secret_file}, else {@code <data dir>/jwt.secret}. */
    public Path jwtSecretFile() {
        JwtConfig jwt = config.server().jwt();
        return jwt != null && jwt.hmacSecretFile() != null ? Path.of(jwt.hmacSecretFile()) : dataDir.resolve("jwt.secret");
    }

    /** The JDBC URL with any password in it masked, for the log. */
    public String databaseForLog() {
        return maskPassword(database.jdbcUrl());
    }

    static String maskPassword(String url) {
        return url.replaceAll("(?i)((?:password|pwd)=)[^&;]*", "$1***");
    }
}
