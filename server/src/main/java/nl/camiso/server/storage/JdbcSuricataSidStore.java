package nl.camiso.server.storage;

import nl.camiso.server.feeds.SuricataSids;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Collections;

/**
 * The Suricata sids of {@link SuricataSids.Store} in table {@code camiso_suricata_sid} (migration
 * V17): rows are only added, each batch in one transaction, durable before it returns, one
 * process's batch after the other's.
 */
final class JdbcSuricataSidStore implements SuricataSids.Store {

    private static final String UNIQUE_VIOLATION = "23505";
    /** Values per {@code IN} list of {@link #find}. */
    private static final int IN_LIST = 500;

    private final Database database;

    JdbcSuricataSidStore(Database database) {
        this.database = database;
    }

    @Override
    public void forEach(SuricataSids.Assignment each) {
        database.inTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT rule_hash, sid FROM camiso_suricata_sid")) {
                q.setFetchSize(10_000); // PostgreSQL reads through a cursor instead of holding every row
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        each.accept(rs.getLong(1), rs.getInt(2));
                    }
                }
            }
            return null;
        }));
    }

    @Override
    public boolean add(long[] rules, int[] sids, int count) {
        return database.inTransaction(s -> s.doReturningWork(c -> {
            // one process adds at a time (the row of rule_hash 0, see V17), so another's rows are committed
            try (PreparedStatement lock = c.prepareStatement("UPDATE camiso_suricata_sid SET sid = 0 WHERE rule_hash = 0")) {
                lock.executeUpdate();
            }
            // a unique violation aborts a PostgreSQL transaction: undo to here, and commit nothing
            Savepoint before = c.setSavepoint();
            try (PreparedStatement i = c.prepareStatement("INSERT INTO camiso_suricata_sid (rule_hash, sid) VALUES (?, ?)")) {
                for (int n = 0; n < count; n++) {
                    i.setLong(1, rules[n]);
                    i.setInt(2, sids[n]);
                    i.addBatch();
                }
                i.executeBatch();
                c.releaseSavepoint(before);
                return true;
            } catch (SQLException e) {
                if (!uniqueViolation(e)) {
                    throw e;
                }
                c.rollback(before);
                return false;
            }
        }));
    }

    @Override
    public void find(long[] rules, int[] sids, int count, SuricataSids.Assignment each) {
        database.inTransaction(s -> s.doReturningWork(c -> {
            for (int from = 0; from < count; from += IN_LIST) {
                int n = Math.min(IN_LIST, count - from);
                String in = String.join(",", Collections.nCopies(n, "?"));
                try (PreparedStatement q = c.prepareStatement("SELECT rule_hash, sid FROM camiso_suricata_sid"
                        + " WHERE rule_hash IN (" + in + ") OR sid IN (" + in + ")")) {
                    for (int k = 0; k < n; k++) {
                        q.setLong(1 + k, rules[from + k]);
                        q.setInt(1 + n + k, sids[from + k]);
                    }
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            each.accept(rs.getLong(1), rs.getInt(2));
                        }
                    }
                }
            }
            return null;
        }));
    }

    /** A duplicate rule or sid; a batch reports it as itself or as its next exception. */
    private static boolean uniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState()) || (!(x instanceof BatchUpdateException)
                    && x.getCause() instanceof SQLException cause && UNIQUE_VIOLATION.equals(cause.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
