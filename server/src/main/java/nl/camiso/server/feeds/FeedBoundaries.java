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

    private final ConcurrentHashMap<String, Known> byCollection = new ConcurrentHashMap<>();

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

    /** What a full read of the collection, made after reading {@code lastChange}, found. */
    void remember(String collectionId, long lastChange, CurrentIndicators.Snapshot snapshot) {
        byCollection.put(collectionId, new Known(lastChange, new CurrentIndicators.Boundaries(
                snapshot.passedBoundaryMicros(), snapshot.futureBoundaries(), null)));
    }
}
