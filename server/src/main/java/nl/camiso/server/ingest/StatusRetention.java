package nl.camiso.server.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes TAXII status resources older than {@code server.statuses.retention}, so the status table
 * does not grow without end. A status that still has waiting objects is kept: those fail at their
 * own timeout first, and the status is purged on a later pass. One scheduled thread, as in
 * {@link PendingMarkings}: shortly after start, then every hour. Stored objects are never touched.
 */
public final class StatusRetention implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusRetention.class);
    /** Statuses deleted per transaction, so a purge never holds many row locks for long. */
    static final int BATCH = 1_000;
    private static final Duration FIRST_PASS = Duration.ofMinutes(1);
    private static final Duration EVERY = Duration.ofHours(1);

    /** The status table, as the storage package implements it. */
    public interface Store {
        /**
         * Deletes up to {@code limit} statuses that are no longer pending and whose request
         * timestamp (epoch microseconds) is before {@code beforeMicros}, in one transaction. Rows
         * another process deleted meanwhile are not counted.
         *
         * @return how many were deleted
         */
        int purgeBatch(long beforeMicros, int limit);
    }

    private final Store store;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "camiso-status-retention");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closing;

    /** @param retention how long a status is kept after its request; the configuration allows no less than a day */
    public StatusRetention(Store store, Duration retention) {
        this(store, retention, Clock.systemUTC());
    }

    /** For tests: any retention, and a clock that can be moved ahead. */
    StatusRetention(Store store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    /** Starts the thread: a first pass shortly after start (not during it), then every hour. */
    public StatusRetention start() {
        thread.scheduleWithFixedDelay(this::tick, FIRST_PASS.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        try {
            purgeOnce();
        } catch (RuntimeException e) {
            // the next pass tries again; nothing is lost by purging later
            LOG.warn("Purging old statuses failed; trying again in an hour: {}", e.toString());
        }
    }

    /** One pass, batch after batch until none is left. @return how many statuses were deleted */
    int purgeOnce() {
        Instant cutoff = clock.instant().minus(retention);
        long beforeMicros = cutoff.getEpochSecond() * 1_000_000L + cutoff.getNano() / 1_000;
        int total = 0;
        int deleted;
        do {
            if (closing) {
                break; // the rest waits for the next pass
            }
            deleted = store.purgeBatch(beforeMicros, BATCH);
            total += deleted;
        } while (deleted > 0);
        if (total > 0) {
            LOG.info("Purged {} statuses requested before {} (older than server.statuses.retention)", total, cutoff);
        }
        return total;
    }

    /** Stops the thread; a batch under way commits or not as a whole. */
    @Override
    public void close() {
        closing = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
