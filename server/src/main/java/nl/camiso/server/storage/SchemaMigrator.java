package nl.camiso.server.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies versioned SQL scripts, our own small alternative to Flyway.
 *
 * <p>Convention: scripts live in {@code db/migration/} on the classpath, named
 * {@code V<major>_<minor>__<name>.sql}, and every one is listed (one name a line) in
 * {@code db/migration/index.txt} — an index because a folder cannot be listed portably inside a
 * shaded jar. A dialect-specific copy {@code db/migration/h2/<name>} or
 * {@code db/migration/postgresql/<name>} is used instead of the neutral one when present.
 * Statements are separated by a {@code ;} at the end of a line; {@code --} comment lines are
 * skipped (so no {@code ;} at a line end inside string literals).
 *
 * <p>Scripts run in version order, each in its own transaction (PostgreSQL rolls a failed
 * script back completely; H2 commits DDL statement by statement). Applied versions and the
 * SHA-256 of their text (line endings normalised) are recorded in {@code schema_version}; an
 * applied script whose text changed stops start-up, as does a recorded version that no script
 * provides any more (a database newer than this code). On PostgreSQL a session advisory lock
 * keeps two processes from migrating at once.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    public static final String LOCATION = "db/migration";
    private static final Pattern NAME = Pattern.compile("V(\\d+)_(\\d+)__([A-Za-z0-9_]+)\\.sql");
    /** Arbitrary constant identifying our migration lock among PostgreSQL advisory locks. */
    private static final long PG_LOCK_KEY = 0x43414D49534FL; // "CAMISO"

    /** One script: its version, file name and SQL text. */
    public record Script(int major, int minor, String fileName, String sql) {

        public String version() {
            return major + "." + minor;
        }

        public String checksum() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        static Script of(String fileName, String sql) {
            Matcher m = NAME.matcher(fileName);
            if (!m.matches()) {
                throw new IllegalStateException("migration script name must be V<major>_<minor>__<name>.sql: " + fileName);
            }
            return new Script(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), fileName, sql);
        }
    }

    private final List<Script> scripts;

    public SchemaMigrator(List<Script> scripts) {
        List<Script> sorted = new ArrayList<>(scripts);
        sorted.sort(Comparator.comparingInt(Script::major).thenComparingInt(Script::minor));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version().equals(sorted.get(i - 1).version())) {
                throw new IllegalStateException("two migration scripts with version " + sorted.get(i).version()
                        + ": " + sorted.get(i - 1).fileName() + ", " + sorted.get(i).fileName());
            }
        }
        this.scripts = List.copyOf(sorted);
    }

    /** The scripts of {@code db/migration/index.txt} from the classpath, for the given dialect ("h2" or "postgresql"). */
    public static List<Script> fromClasspath(ClassLoader loader, String dialect) {
        String index = readResource(loader, LOCATION + "/index.txt");
        if (index == null) {
            throw new IllegalStateException("no " + LOCATION + "/index.txt on the classpath");
        }
        List<Script> out = new ArrayList<>();
        for (String line : index.split("\\R")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            String sql = readResource(loader, LOCATION + "/" + dialect + "/" + name);
            if (sql == null) {
                sql = readResource(loader, LOCATION + "/" + name);
            }
            if (sql == null) {
                throw new IllegalStateException(LOCATION + "/index.txt lists " + name + " but there is no such script");
            }
            out.add(Script.of(name, sql));
        }
        return out;
    }

    public List<Script> scripts() {
        return scripts;
    }

    /** Brings the schema up to date. Uses (and leaves) the connection in auto-commit off mode. */
    public void migrate(Connection connection) throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        connection.setAutoCommit(true);
        if (postgres) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, PG_LOCK_KEY);
                ps.execute();
            }
        }
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version VARCHAR(20) NOT NULL PRIMARY KEY, "
                        + "script VARCHAR(200) NOT NULL, "
                        + "checksum VARCHAR(64) NOT NULL, "
                        + "applied_at_millis BIGINT NOT NULL)");
            }
            connection.setAutoCommit(false);
            Map<String, String> applied = appliedChecksums(connection);
            connection.commit();
            Map<String, Script> known = new HashMap<>();
            scripts.forEach(s -> known.put(s.version(), s));
            for (Map.Entry<String, String> e : applied.entrySet()) {
                Script s = known.get(e.getKey());
                if (s == null) {
                    throw new IllegalStateException("the database has schema version " + e.getKey()
                            + " which this program does not know: is it older than the database?");
                }
                if (!s.checksum().equals(e.getValue())) {
                    throw new IllegalStateException("migration script " + s.fileName()
                            + " has changed since it was applied (checksum differs); restore it and add a new script instead");
                }
            }
            for (Script s : scripts) {
                if (!applied.containsKey(s.version())) {
                    apply(connection, s);
                }
            }
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
            if (postgres) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, PG_LOCK_KEY);
                    ps.execute();
                }
            }
        }
    }

    private static Map<String, String> appliedChecksums(Connection connection) throws SQLException {
        Map<String, String> applied = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (rs.next()) {
                applied.put(rs.getString(1), rs.getString(2));
            }
        }
        return applied;
    }

    private static void apply(Connection connection, Script s) throws SQLException {
        LOG.info("Applying schema migration {}", s.fileName());
        try (Statement st = connection.createStatement()) {
            for (String sql : statements(s.sql())) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("migration " + s.fileName() + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO schema_version (version, script, checksum, applied_at_millis) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, s.version());
            ps.setString(2, s.fileName());
            ps.setString(3, s.checksum());
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
        }
        connection.commit();
    }

    /** Splits a script at {@code ;} line ends, dropping {@code --} comment lines. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String stmt = current.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String readResource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
