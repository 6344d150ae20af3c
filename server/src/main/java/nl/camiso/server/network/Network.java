package nl.camiso.server.network;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The current network for access decisions, without a database query per decision.
 *
 * <p>It holds an immutable {@link NetworkSnapshot}. A change made through this process (admin
 * API) calls {@link #refresh()}, so the next request sees it. Changes made elsewhere (the CLI,
 * another server instance on the same database) are noticed by {@link #current()}: at most every
 * {@code recheck} it reads the one-row change counter and reloads the network only when the
 * counter moved. One thread does the check; the others meanwhile use the snapshot they have.
 */
public final class Network {

    private static final Logger LOG = LoggerFactory.getLogger(Network.class);
    /** How stale a snapshot may be when another process changed the network. */
    public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(2);

    private final NetworkStore store;
    private final long recheckNanos;
    private final LongSupplier clock;
    private final ReentrantLock checking = new ReentrantLock();
    private volatile NetworkSnapshot snapshot;
    private volatile long checkedAt;

    private Network(NetworkStore store, NetworkSnapshot initial, Duration recheck, LongSupplier clock) {
        this.store = store;
        this.snapshot = initial;
        this.recheckNanos = recheck.toNanos();
        this.clock = clock;
        this.checkedAt = clock.getAsLong();
    }

    /** A network read from the database and kept up to date. */
    public static Network live(NetworkStore store, Duration recheck) {
        return new Network(store, store.load(), recheck, System::nanoTime);
    }

    /** A network that never changes (tests, checks of the configuration). */
    public static Network fixed(NetworkSnapshot snapshot) {
        return new Network(null, snapshot, Duration.ZERO, System::nanoTime);
    }

    /** The snapshot to decide with; re-reads it when another process changed the network. */
    public NetworkSnapshot current() {
        NetworkSnapshot s = snapshot;
        if (store == null || clock.getAsLong() - checkedAt < recheckNanos || !checking.tryLock()) {
            return s;
        }
        try {
            if (clock.getAsLong() - checkedAt >= recheckNanos) {
                long v = store.version();
                if (v != snapshot.version()) {
                    snapshot = store.load();
                    LOG.info("Network changed (version {}): access decisions use the new state", snapshot.version());
                }
                checkedAt = clock.getAsLong();
            }
        } catch (RuntimeException e) {
            // keep deciding with the last known state rather than failing every request
            LOG.warn("Cannot re-read the network, keeping version {}: {}", snapshot.version(), e.getMessage());
            checkedAt = clock.getAsLong();
        } finally {
            checking.unlock();
        }
        return snapshot;
    }

    /** Reloads now (after a change made by this process). */
    public NetworkSnapshot refresh() {
        if (store == null) {
            return snapshot;
        }
        checking.lock();
        try {
            snapshot = store.load();
            checkedAt = clock.getAsLong();
            return snapshot;
        } finally {
            checking.unlock();
        }
    }

    /** The store behind a live network; null for a fixed one. */
    public NetworkStore store() {
        return store;
    }
}
