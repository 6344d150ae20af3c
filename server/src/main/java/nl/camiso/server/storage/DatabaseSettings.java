package nl.camiso.server.storage;

import java.nio.file.Path;

/**
 * Where the database is. The password is kept out of the URL so that Hibernate's start-up log
 * (which prints the URL) never shows it.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    /** The embedded default: an H2 file database in {@code dataDir}. */
    public static DatabaseSettings h2(Path dataDir) {
        return new DatabaseSettings("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("camiso"), "sa", "");
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
