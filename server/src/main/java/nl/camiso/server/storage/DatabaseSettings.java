package nl.camiso.server.storage;

import java.nio.file.Path;

/**
 * Where the database is. The password is kept out of the URL so that Hibernate's start-up log
 * (which prints the URL) never shows it.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    /**
     * H2 options of the embedded default:
     * <ul>
     *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook must not close the database under
     *       in-flight requests; {@link Database#close()} closes it in order (pool first).</li>
     *   <li>{@code LOCK_TIMEOUT=20000}: writers of one collection queue on its state row
     *       ({@code SELECT ... FOR UPDATE}); H2's default of 1 s is too short under load.</li>
     *   <li>{@code CACHE_SIZE=65536}: a 64 MiB page cache (KiB), well inside the 512 MiB heap budget.</li>
     *   <li>{@code AUTO_COMPACT_FILL_RATE=50}: H2 rewrites the live pages of file chunks less than half
     *       full instead of less than 90 % full. Under ingest, the default spends much of the
     *       background writer on moving pages that the next store leaves behind again (plain JDBC,
     *       1M rows and their references: 22,200 → 26,100 rows/s; the file ended smaller, 1.8 GB
     *       instead of 2.3 GB).</li>
     * </ul>
     * No {@code MODE=}: the schema scripts and queries are plain SQL that H2 and PostgreSQL both
     * accept, and Hibernate's H2 dialect expects H2's native mode.
     */
    public static final String H2_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=20000;CACHE_SIZE=65536;AUTO_COMPACT_FILL_RATE=50";

    /** The embedded default: an H2 file database in {@code dataDir}. */
    public static DatabaseSettings h2(Path dataDir) {
        return new DatabaseSettings("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("camiso") + H2_OPTIONS, "sa", "");
    }

    /** An H2 URL through which several processes may use one database: over TCP or SSL, or with AUTO_SERVER. */
    public boolean isSharedH2() {
        String url = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
        return url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:") || url.contains(";auto_server=true");
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    public boolean isH2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** The dialect folder name used for dialect-specific migration scripts. */
    public String dialectName() {
        return isPostgres() ? "postgresql" : isH2() ? "h2" : "other";
    }

    /** Hides the password in logs and exception messages. */
    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + "]";
    }
}
