package nl.camiso.server.storage;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes a committed transaction durable before the server acknowledges it.
 *
 * <p><b>Embedded H2.</b> A commit in H2's MVStore only changes the maps in memory; the store's
 * background writer writes them to the file every few hundred milliseconds ({@code WRITE_DELAY})
 * and never forces the file to the disk. A {@code kill -9} loses what the writer has not stored
 * yet, and a power cut what the operating system has not written back. So after a transaction
 * that wrote something commits, {@link #awaitDurable()} stores the MVStore and forces its file
 * ({@code FileChannel.force}, i.e. fsync) before the caller goes on to answer the client.
 *
 * <p>It is a group commit: one store-and-fsync covers every transaction that committed before it
 * started. Threads that commit while one is running queue on the lock, and the first of them
 * through runs one more for all of them; the others find themselves covered and return. Under load
 * the cost is one fsync per group, not per request.
 *
 * <p><b>PostgreSQL</b> makes a commit durable itself (WAL flushed before COMMIT returns) unless
 * {@code synchronous_commit} is off; {@link Database} turns it back on for its own sessions. Its
 * barrier does nothing.
 */
abstract class Durability {

    private static final Logger LOG = LoggerFactory.getLogger(Durability.class);

    /** True when the transaction on {@code c}, not yet committed, has written anything. */
    abstract boolean hasUncommittedWrites(Connection c) throws SQLException;

    /** Returns once every transaction committed before the call is on stable storage. */
    abstract void awaitDurable();

    /** Store-and-fsync runs so far (tests). */
    abstract long syncCount();

    /** For the database behind {@code dataSource}. */
    static Durability of(DatabaseSettings settings, DataSource dataSource) throws SQLException {
        if (settings.isH2()) {
            try (Connection c = dataSource.getConnection()) {
                MVStore store = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase()
                        .getStore().getMvStore();
                // an in-memory database (tests) has nothing to make durable
                return store.getFileStore() == null ? NONE : new H2GroupCommit(store);
            }
        }
        if (settings.isPostgres()) {
            warnAboutPostgresSettings(dataSource);
        }
        return NONE;
    }

    /**
     * {@code fsync = off} in the server's configuration cannot be overridden by a session: say so
     * once at start. ({@code synchronous_commit = off} can, see {@link Database}.)
     */
    private static void warnAboutPostgresSettings(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit')")) {
            if (rs.next()) {
                if ("off".equals(rs.getString(1))) {
                    LOG.warn("PostgreSQL runs with fsync = off: a crash of its machine or a power cut can lose writes"
                            + " that CAMISO has acknowledged; set fsync = on in postgresql.conf");
                }
                LOG.info("PostgreSQL synchronous_commit for CAMISO's sessions: {}", rs.getString(2));
            }
            c.rollback();
        }
    }

    /** PostgreSQL, in-memory H2: the commit itself is all there is. */
    static final Durability NONE = new Durability() {
        @Override
        boolean hasUncommittedWrites(Connection c) {
            return false;
        }

        @Override
        void awaitDurable() {
        }

        @Override
        long syncCount() {
            return 0;
        }
    };

    /** Group commit on an H2 file store. */
    static final class H2GroupCommit extends Durability {

        private final MVStore store;
        private final ReentrantLock lock = new ReentrantLock();
        /** Number of store-and-fsync runs begun; a run numbered n stores everything committed before it began. */
        private final AtomicLong started = new AtomicLong();
        /** Number of the last run that finished (runs finish in order, under the lock). */
        private volatile long finished;

        H2GroupCommit(MVStore store) {
            this.store = store;
        }

        @Override
        boolean hasUncommittedWrites(Connection c) throws SQLException {
            return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).hasPendingTransaction();
        }

        @Override
        void awaitDurable() {
            // any run numbered above what has begun so far begins after our commit, so it covers it
            long needed = started.get() + 1;
            lock.lock();
            try {
                if (finished >= needed) {
                    return; // a run that began after our commit has finished meanwhile
                }
                long run = started.incrementAndGet();
                // writes the changes not stored yet as a new chunk (returns at once when the background
                // writer's store has them: one that began after our commit)
                store.commit();
                // waits for stores the background writer queued but has not written yet, then fsyncs
                store.executeFilestoreOperation(store::sync);
                finished = run;
            } finally {
                lock.unlock();
            }
        }

        @Override
        long syncCount() {
            return finished;
        }
    }
}
