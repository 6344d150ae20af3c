package nl.camiso.server.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps PostgreSQL's planner statistics of the object tables in step with their growth.
 *
 * <p>Without statistics PostgreSQL takes a table that grew from empty for a tiny one and plans
 * keyset pages as "every row of the collection, then sort" and the duplicate check as a scan of
 * the collection: measured, paging fell to 25,000 rows/s and ingest to 80 objects/s by 100,000
 * objects. Autovacuum would fix that in time, but it can be off (it is on the CI machine) or
 * behind a bulk load. So after every {@link #rowsAdded} that grows the tables by a fifth since the
 * last ANALYZE (and at least {@value #MIN_ROWS} rows), one ANALYZE runs in the background: about
 * 40 runs up to a million objects, each sampling a fixed number of rows.
 *
 * <p>Does nothing on H2, whose planner needs no statistics for these queries.
 */
final class PlannerStatistics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlannerStatistics.class);
    static final int MIN_ROWS = 1000;

    private final DataSource dataSource;
    private final boolean enabled;
    private final AtomicLong rowsSinceAnalyze = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong analyzeCount = new AtomicLong();
    private volatile long rowsAtAnalyze;
    private final ExecutorService worker;

    PlannerStatistics(DataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.enabled = postgres;
        this.worker = postgres ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "camiso-analyze");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Called after a committed write that added {@code rows} object versions. */
    void rowsAdded(int rows) {
        if (!enabled || rows <= 0) {
            return;
        }
        long since = rowsSinceAnalyze.addAndGet(rows);
        if (since >= Math.max(MIN_ROWS, rowsAtAnalyze / 5) && running.compareAndSet(false, true)) {
            rowsSinceAnalyze.set(0);
            try {
                worker.execute(this::analyze);
            } catch (RuntimeException e) { // closing
                running.set(false);
            }
        }
    }

    /** How many ANALYZE runs have finished (tests). */
    long analyzeCount() {
        return analyzeCount.get();
    }

    private void analyze() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("ANALYZE stix_object, camiso_reference");
            try (ResultSet rs = st.executeQuery("SELECT reltuples FROM pg_class WHERE oid = 'stix_object'::regclass")) {
                if (rs.next()) {
                    rowsAtAnalyze = Math.max(0, rs.getLong(1));
                }
            }
            c.commit();
            analyzeCount.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("ANALYZE of the object tables failed (queries may be planned badly until it succeeds): {}",
                    e.getMessage());
        } finally {
            running.set(false);
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
