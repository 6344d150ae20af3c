package nl.camiso.server.feeds;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The validity boundaries of each collection's indicators as last read, by the collection's change
 * marker: a feed changes when an indicator's {@code valid_from} or {@code valid_until} passes, without
 * any write, and its validator must say so without reading the indicators again. While the marker
 * is unchanged the indicators are unchanged, so the boundaries read with it still hold; a new
 * marker (or a restart) needs one full read to know them again.
 */
public final class FeedBoundaries {

    private record Known(long lastChange, long passed, long[] future) {
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
        int i = Arrays.binarySearch(k.future(), nowMicros);
        int passedUpTo = i >= 0 ? i : -i - 2; // index of the last boundary <= now
        return OptionalLong.of(passedUpTo >= 0 ? Math.max(k.passed(), k.future()[passedUpTo]) : k.passed());
    }

    /** What a full read of the collection, made after reading {@code lastChange}, found. */
    void remember(String collectionId, long lastChange, CurrentIndicators.Snapshot snapshot) {
        byCollection.put(collectionId, new Known(lastChange, snapshot.passedBoundaryMicros(), snapshot.futureBoundaries()));
    }
}
