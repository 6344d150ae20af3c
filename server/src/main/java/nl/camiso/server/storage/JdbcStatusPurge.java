package nl.camiso.server.storage;

import nl.camiso.server.ingest.StatusRetention;

import java.sql.PreparedStatement;

/**
 * {@link StatusRetention.Store} on table {@code taxii_status} (V1_0), through its index
 * {@code ix_taxii_status_time}. A status that is not {@code pending} lists no rows in
 * {@code pending_object} (they are deleted in the transaction that rewrites it), so only the
 * status row goes. Several servers on one PostgreSQL may purge at once: a row another deleted
 * first is simply not deleted again.
 */
final class JdbcStatusPurge implements StatusRetention.Store {

    private final Database database;

    JdbcStatusPurge(Database database) {
        this.database = database;
    }

    @Override
    public int purgeBatch(long beforeMicros, int limit) {
        return database.inTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM taxii_status WHERE id IN (SELECT id FROM taxii_status"
                    + " WHERE request_timestamp < ? AND status <> 'pending' ORDER BY request_timestamp LIMIT ?)"
                    + " AND status <> 'pending'")) {
                d.setLong(1, beforeMicros);
                d.setInt(2, limit);
                return d.executeUpdate();
            }
        }));
    }
}
