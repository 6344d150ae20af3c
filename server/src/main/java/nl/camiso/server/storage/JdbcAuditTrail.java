package nl.camiso.server.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.camiso.server.audit.AuditEntry;
import nl.camiso.server.audit.AuditException;
import nl.camiso.server.audit.AuditTrail;
import nl.camiso.server.audit.DbAuditLog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The audit chain in table {@code camiso_audit} (script {@code V4_0__audit.sql}).
 *
 * <p>Appends are serialised through the single row of {@code camiso_audit_head}, locked with
 * {@code SELECT ... FOR UPDATE}: whichever process or thread holds it takes the next sequence
 * number and chains to the previous hash, so several server instances on one database still
 * build one gapless chain. An append is one short transaction (one lock, one insert, one update).
 */
public final class JdbcAuditTrail implements AuditTrail {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "seq, at_micros, action, actor, organisation, remote_address, api_root, "
            + "collection_id, object_ids, outcome, detail, prev_hash, entry_hash";

    /** JDBC work in one transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Database database;
    private final DataSource dataSource;

    /** On the server's database: its transactions, so an append is durable before it returns (see {@link Durability}). */
    public JdbcAuditTrail(Database database) {
        this.database = database;
        this.dataSource = null;
    }

    /** On any pool of connections to a database with the audit tables (tests: one pool per server process). */
    public JdbcAuditTrail(DataSource dataSource) {
        this.database = null;
        this.dataSource = dataSource;
    }

    @Override
    public AuditEntry append(Function<Head, AuditEntry> next) {
        return inTransaction(c -> {
            Head head;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_seq, last_hash FROM camiso_audit_head WHERE id = 1 FOR UPDATE");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the audit chain head row is missing (table camiso_audit_head)");
                }
                head = new Head(rs.getLong(1), rs.getString(2));
            }
            AuditEntry entry = next.apply(head);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO camiso_audit (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, entry.seq());
                ps.setLong(2, entry.atMicros());
                ps.setString(3, entry.action());
                ps.setString(4, entry.actor());
                setNullable(ps, 5, entry.organisation());
                setNullable(ps, 6, entry.remoteAddress());
                setNullable(ps, 7, entry.apiRoot());
                setNullable(ps, 8, entry.collection());
                ps.setString(9, toJson(entry.objectIds()));
                ps.setString(10, entry.outcome());
                setNullable(ps, 11, entry.detail());
                ps.setString(12, entry.prevHash());
                ps.setString(13, entry.entryHash());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE camiso_audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                ps.setLong(1, entry.seq());
                ps.setString(2, entry.entryHash());
                ps.executeUpdate();
            }
            return entry;
        });
    }

    @Override
    public <T> T read(ReadWork<T> work) {
        return inTransaction(c -> work.run(new Reader() {
            @Override
            public List<AuditEntry> find(DbAuditLog.Query q) throws SQLException {
                return JdbcAuditTrail.find(c, q);
            }

            @Override
            public Optional<Head> head() throws SQLException {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT last_seq, last_hash FROM camiso_audit_head WHERE id = 1");
                     ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Head(rs.getLong(1), rs.getString(2))) : Optional.empty();
                }
            }
        }));
    }

    private static List<AuditEntry> find(Connection c, DbAuditLog.Query q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM camiso_audit WHERE seq > ?");
        List<Object> args = new ArrayList<>();
        args.add(q.afterSeq());
        if (q.fromMicros() != null) {
            sql.append(" AND at_micros >= ?");
            args.add(q.fromMicros());
        }
        if (q.toMicros() != null) {
            sql.append(" AND at_micros < ?");
            args.add(q.toMicros());
        }
        if (q.organisation() != null) {
            sql.append(" AND organisation = ?");
            args.add(q.organisation());
        }
        if (q.action() != null) {
            sql.append(" AND action = ?");
            args.add(q.action());
        }
        sql.append(" ORDER BY seq LIMIT ?");
        args.add(q.limit());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            fromJson(rs.getString(9)), rs.getString(10), rs.getString(11), rs.getString(12),
                            rs.getString(13)));
                }
            }
            return out;
        }
    }

    private <T> T inTransaction(Work<T> work) {
        if (database != null) {
            return database.inTransaction(session -> session.doReturningWork(work::run));
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new AuditException("audit log database error: " + e.getMessage(), e);
        }
    }

    private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    private static String toJson(List<String> ids) {
        try {
            return JSON.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mangled list reads as one pseudo-id so the hash check reports it rather than failing here. */
    private static List<String> fromJson(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return JSON.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of("(unreadable object id list)");
        }
    }
}
