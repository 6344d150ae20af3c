package nl.camiso.server.audit;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the audit chain is kept ({@code storage.JdbcAuditTrail}: tables {@code camiso_audit} and
 * {@code camiso_audit_head}). {@link DbAuditLog} builds and checks the chain; the trail stores it
 * and reads it back, each call in one transaction.
 */
public interface AuditTrail {

    /** The end of the chain as the head records it: the last sequence number and that entry's hash. */
    record Head(long seq, String hash) {
    }

    /**
     * Appends one entry: locks the head against every other appender (also in other processes
     * sharing the database), asks {@code next} for the entry that follows it, stores that entry
     * and moves the head to it.
     *
     * @return the entry as stored
     */
    AuditEntry append(Function<Head, AuditEntry> next);

    /** Runs {@code work} in one read transaction of the trail. */
    <T> T read(ReadWork<T> work);

    /** Reading work; a database error goes up as the storage layer reports any other. */
    @FunctionalInterface
    interface ReadWork<T> {
        T run(Reader reader) throws SQLException;
    }

    /** What {@link #read} may look at. */
    interface Reader {

        /** Entries that match the query, in sequence order, at most {@code query.limit()}. */
        List<AuditEntry> find(DbAuditLog.Query query) throws SQLException;

        /** The head; empty when its row is missing. */
        Optional<Head> head() throws SQLException;
    }
}
