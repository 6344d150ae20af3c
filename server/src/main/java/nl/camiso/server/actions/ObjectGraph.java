package nl.camiso.server.actions;

import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.taxii.spi.IndexedReferences;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Referrer;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows STIX references across the collections a caller names (always only collections the
 * requester may read): the latest version of an object, and the objects that refer to it
 * ({@link ObjectStore#referrers}). Everything comes from the {@link ObjectStore}, so what is
 * returned is exactly what the TAXII endpoints serve.
 */
public final class ObjectGraph {

    /** One object version as stored in one collection. */
    public record Found(String collectionId, StixObject object, byte[] json) {
    }

    private final ObjectStore store;

    public ObjectGraph(ObjectStore store) {
        this.store = store;
    }

    /** The latest version of an object in one collection. */
    public Optional<Found> latestIn(String collectionId, String objectId) {
        List<StoredVersion> items = store.find(collectionId, new ObjectQuery(objectId, null, null, 1,
                List.of(), List.of(), VersionMatch.LAST, List.of(), true)).items();
        if (items.isEmpty() || items.get(0).json() == null) {
            return Optional.empty();
        }
        byte[] json = items.get(0).json();
        return Optional.of(new Found(collectionId, parse(json), json));
    }

    /**
     * The latest version of an object among the collections; when several hold it, the one with
     * the latest {@code modified} (first collection in the given order on a tie).
     */
    public Optional<Found> findLatest(Collection<String> collectionIds, String objectId) {
        Set<String> holders = Set.copyOf(store.holders(collectionIds, objectId));
        Found best = null;
        for (String c : collectionIds) {
            if (!holders.contains(c)) {
                continue;
            }
            Optional<Found> f = latestIn(c, objectId);
            if (f.isPresent() && (best == null || newer(f.get().object(), best.object()))) {
                best = f.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The latest versions of the objects of the given types in the collections that refer to
     * {@code objectId} through an indexed property (see {@link IndexedReferences}); each
     * object once (its newest version among the collections), in index order.
     */
    public List<Found> referrers(Collection<String> collectionIds, String objectId, Set<String> types) {
        return stillReferring(objectId, store.referrers(collectionIds, objectId, types));
    }

    /** {@link #referrers} of each of several objects, found with one store query (objects with none are absent). */
    public Map<String, List<Found>> referrersOfEach(Collection<String> collectionIds, Collection<String> objectIds,
                                                    Set<String> types) {
        Map<String, List<Found>> out = new java.util.HashMap<>();
        store.referrersOfEach(collectionIds, objectIds, types).forEach((target, found) -> {
            List<Found> referring = stillReferring(target, found);
            if (!referring.isEmpty()) {
                out.put(target, referring);
            }
        });
        return out;
    }

    private List<Found> stillReferring(String objectId, List<Referrer> referrers) {
        Map<String, Found> byId = new LinkedHashMap<>();
        for (Referrer r : referrers) {
            Optional<Found> f = latestIn(r.collectionId(), r.objectId());
            // the index row may stem from an older version: keep only latest versions that still refer
            if (f.isEmpty() || !IndexedReferences.targets(f.get().object()).contains(objectId)) {
                continue;
            }
            Found prev = byId.get(r.objectId());
            if (prev == null || newer(f.get().object(), prev.object())) {
                byId.put(r.objectId(), f.get());
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static boolean newer(StixObject a, StixObject b) {
        return a.modified().isPresent() && b.modified().isPresent() && a.modified().get().isAfter(b.modified().get());
    }

    static StixObject parse(byte[] json) {
        try {
            return StixObject.of(StixJson.parse(json));
        } catch (IOException e) {
            throw new UncheckedIOException("stored object is not JSON", e);
        }
    }
}
