package nl.camiso.server.feeds;

import nl.camiso.taxii.spi.ObjectStore;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The validity boundaries of each collection's indicators as last read, by the collection's change
 * marker: a feed changes when an indicator's {@code valid_from} or {@code valid_until} passes, without
 * any write, and its validator must say so without reading the indicators again. While the marker
 * is unchanged the indicators are unchanged, so the boundaries read with it still hold. At a new
 * marker only the versions added since the last read are read ({@link #refresh}): boundaries of
 * versions replaced or deleted since stay in the set, which can only change a validator when
 * nothing changed, never keep it when something did. After a restart one full read learns them again.
 */
public final class FeedBoundaries {

    private record Known(long lastChange, CurrentIndicators.Boundaries boundaries) {
    }

    public FeedBoundaries() {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FeedBoundaries.class);

    private final ConcurrentHashMap<String, Known> byCollection = new ConcurrentHashMap<>();
    /** One read of a collection's boundaries at a time: a poll that comes during one waits for it. */
    private final ConcurrentHashMap<String, Object> reading = new ConcurrentHashMap<>();

    /** The latest boundary at or before {@code nowMicros}, if the boundaries at this marker are known. */
    OptionalLong passed(String collectionId, long lastChange, long nowMicros) {
        Known k = byCollection.get(collectionId);
        if (k == null || k.lastChange() != lastChange) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(k.boundaries().at(nowMicros).passedMicros());
    }

    /**
     * The latest boundary at or before {@code now} at marker {@code lastChange} (read after it):
     * known, or read from what was added since the last read, or from the whole collection.
     */
    long refresh(ObjectStore store, String collectionId, long lastChange, Instant now) {
        long nowMicros = CurrentIndicators.micros(now);
        OptionalLong known = passed(collectionId, lastChange, nowMicros);
        if (known.isPresent()) {
            return known.getAsLong();
        }
        synchronized (reading.computeIfAbsent(collectionId, id -> new Object())) {
            known = passed(collectionId, lastChange, nowMicros);
            if (known.isPresent()) {
                return known.getAsLong(); // read by the one this request waited for
            }
            return read(store, collectionId, lastChange, now, nowMicros);
        }
    }

    private long read(ObjectStore store, String collectionId, long lastChange, Instant now, long nowMicros) {
        Known before = byCollection.get(collectionId);
        CurrentIndicators.Boundaries b = before == null || before.boundaries().cursor() == null
                ? CurrentIndicators.read(store, collectionId, now, null, false, null)
                : before.boundaries().and(CurrentIndicators.read(store, collectionId, now, before.boundaries().cursor(),
                        false, null));
        b = b.at(nowMicros); // passed ones are folded into one, so the set does not grow forever
        byCollection.merge(collectionId, new Known(lastChange, b),
                (old, fresh) -> old.lastChange() > fresh.lastChange() ? old : fresh);
        return b.passedMicros();
    }

    /** Runs the first whole read of a collection's boundaries, one per collection at a time. */
    private static final java.util.concurrent.ExecutorService FIRST_READS =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "feed-boundaries-first-read");
                t.setDaemon(true);
                return t;
            });
    private final ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<Void>> firstReads =
            new ConcurrentHashMap<>();

    /**
     * Like {@link #refresh}, but waits at most {@code wait} for the first whole read of a collection
     * (after a start): a large collection's feed then starts at once, without a validator, while the
     * read goes on in the background, and the next polls get one. Empty when the read is not done.
     */
    OptionalLong refreshWithin(ObjectStore store, String collectionId, long lastChange, Instant now,
                               java.time.Duration wait) {
        OptionalLong known = passed(collectionId, lastChange, CurrentIndicators.micros(now));
        if (known.isPresent()) {
            return known;
        }
        if (!byCollection.containsKey(collectionId)) {
            java.util.concurrent.CompletableFuture<Void> first = firstReads.computeIfAbsent(collectionId,
                    id -> java.util.concurrent.CompletableFuture.runAsync(
                            () -> refresh(store, id, lastChange, Instant.now()), FIRST_READS));
            try {
                first.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return OptionalLong.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OptionalLong.empty();
            } catch (java.util.concurrent.ExecutionException e) {
                firstReads.remove(collectionId, first); // read it here instead; its error is this request's
            }
        }
        return OptionalLong.of(refresh(store, collectionId, lastChange, now)); // what was added since, if anything
    }

    /**
     * Reads the boundaries of the collections in the background (after a start), so that the
     * first poll of a large collection does not wait for a full read; one that comes first waits
     * for the read of its collection or makes it.
     */
    public void warm(ObjectStore store, java.util.Collection<String> collectionIds) {
        Thread t = new Thread(() -> {
            for (String id : collectionIds) {
                try {
                    long marker = store.lastChange(id);
                    if (marker >= 0) {
                        refresh(store, id, marker, Instant.now());
                    }
                } catch (RuntimeException e) {
                    // the server stopping, or the database gone: a poll reads them itself
                    LOG.debug("feed validity boundaries of {} not read ahead: {}", id, e.toString());
                    return;
                }
            }
        }, "feed-boundaries");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
