package nl.camiso.server.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import nl.camiso.server.storage.JdbcAuditTrail;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh database with the audit schema (the real {@code V4_0__audit.sql}, split the way the
 * storage layer's migrator splits it): in-memory H2, or a throw-away schema on the local
 * PostgreSQL (the test is skipped when none is reachable).
 */
final class AuditTestDb implements AutoCloseable {

    static final String PG_URL = System.getProperty("camiso.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getProperty("camiso.test.pg.user", "root");

    final String jdbcUrl;
    final String user;
    private final String pgSchema;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private AuditTestDb(String jdbcUrl, String user, String pgSchema) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.pgSchema = pgSchema;
    }

    static AuditTestDb create(String kind) throws SQLException {
        AuditTestDb db;
        if (kind.equals("h2")) {
            db = new AuditTestDb("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000", "sa", null);
        } else {
            String schema = "audit_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                 Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                Assumptions.abort("PostgreSQL not reachable at " + PG_URL + ": " + e.getMessage());
            }
            db = new AuditTestDb(PG_URL + "?currentSchema=" + schema, PG_USER, schema);
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl, db.user, "")) {
            runScript(c, "db/migration/V4_0__audit.sql");
        }
        return db;
    }

    /** A connection pool on this database: each one stands for a server process. */
    HikariDataSource pool() {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setUsername(user);
        cfg.setPassword("");
        cfg.setMaximumPoolSize(8);
        cfg.setAutoCommit(false);
        cfg.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource ds = new HikariDataSource(cfg);
        pools.add(ds);
        return ds;
    }

    DbAuditLog log() {
        return new DbAuditLog(new JdbcAuditTrail(pool()));
    }

    /** Runs raw SQL (the "attacker with database access"). */
    int sql(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
             Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    static void runScript(Connection c, String resource) throws SQLException {
        String text;
        try (InputStream in = AuditTestDb.class.getClassLoader().getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        StringBuilder stmt = new StringBuilder();
        try (Statement st = c.createStatement()) {
            for (String line : text.split("\\R")) {
                if (line.strip().startsWith("--")) {
                    continue;
                }
                stmt.append(line).append('\n');
                if (line.stripTrailing().endsWith(";")) {
                    String s = stmt.toString().strip();
                    st.execute(s.substring(0, s.length() - 1));
                    stmt.setLength(0);
                }
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    @Override
    public void close() throws SQLException {
        pools.forEach(HikariDataSource::close);
        if (pgSchema != null) {
            sql("DROP SCHEMA " + pgSchema + " CASCADE");
        } else {
            sql("SHUTDOWN");
        }
    }
}
