package nl.camiso.server.audit;

import nl.camiso.server.storage.Database;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Runs plain JDBC work in one transaction: on the server's {@link Database}, or on any DataSource (tests). */
public interface SqlTransactions {

    /** JDBC work; the transaction is committed when it returns and rolled back when it throws. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T inTransaction(Work<T> work);

    /** Through Hibernate's session, so it shares the pool and transaction handling of the storage layer. */
    static SqlTransactions of(Database database) {
        return new SqlTransactions() {
            @Override
            public <T> T inTransaction(Work<T> work) {
                return database.inTransaction(session -> session.doReturningWork(work::run));
            }
        };
    }

    static SqlTransactions of(DataSource dataSource) {
        return new SqlTransactions() {
            @Override
            public <T> T inTransaction(Work<T> work) {
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
        };
    }
}
