package nl.camiso.taxii.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Storage of object versions and status resources. The protocol layer validates, authorises and
 * parses; the store persists and queries. Implementations must be safe for concurrent use and
 * for several server processes sharing one database.
 */
public interface ObjectStore {

    /** The message of the status success of an object whose version the collection already holds. */
    String ALREADY_PRESENT = "already present";

    /**
     * Object versions matching the query (Get Objects, Get an Object, manifest): filters applied in
     * the store, ascending {@code date_added}, at most {@code query.limit()} items.
     */
    Page<StoredVersion> find(String collectionId, ObjectQuery query);

    /** Whether any version of the object is in the collection (to tell 404 from an empty envelope). */
    boolean contains(String collectionId, String objectId);

    /**
     * Every version the collection holds of the given objects, with its JSON, by object id (ids
     * not held are absent): ingest compares an incoming version with them (STIX 2.1 §3.2: created
     * never changes; §3.6: a version never changes). Built on {@link #find} with {@code match[id]},
     * one query per 500 ids; a store may answer it more cheaply.
     */
    default Map<String, List<StoredVersion>> heldVersions(String collectionId, Collection<String> objectIds) {
        Map<String, List<StoredVersion>> out = new HashMap<>();
        List<String> ids = List.copyOf(new LinkedHashSet<>(objectIds));
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + 500));
            Long after = null;
            while (true) {
                Page<StoredVersion> page = find(collectionId, new ObjectQuery(null, null, after, 1000, batch, List.of(),
                        VersionMatch.ALL, List.of(), true));
                for (StoredVersion v : page.items()) {
                    out.computeIfAbsent(v.objectId(), k -> new ArrayList<>()).add(v);
                }
                if (!page.more() || page.items().isEmpty()) {
                    break;
                }
                after = page.items().get(page.items().size() - 1).dateAddedMicros();
            }
        }
        return out;
    }

    /*
     * The two lookups below serve the extension endpoints, which follow references across every
     * collection a requester may read. Callers pass only those collections. An id stored only in
     * other collections must cost the same work as an id stored nowhere: the response time would
     * otherwise tell the requester which ids exist where it may not look.
     */

    /** Which of the given collections hold a version of the object, in no particular order. */
    List<String> holders(Collection<String> collectionIds, String objectId);

    /**
     * The objects in the given collections of which some stored version refers to {@code targetId}
     * through one of the {@link IndexedReferences}, each once per collection; only of the given
     * types (empty: any indexed type). Ordered by collection id, then object id. A referrer's latest
     * version need not refer to the target any more: callers that care re-check what they read.
     */
    List<Referrer> referrers(Collection<String> collectionIds, String targetId, Set<String> types);

    /**
     * {@link #referrers} of each of several targets (those with none are absent from the map): a
     * store answers a page of a feed with one query instead of one per target.
     */
    default Map<String, List<Referrer>> referrersOfEach(Collection<String> collectionIds, Collection<String> targetIds,
                                                        Set<String> types) {
        Map<String, List<Referrer>> out = new HashMap<>();
        for (String id : new LinkedHashSet<>(targetIds)) {
            List<Referrer> found = referrers(collectionIds, id, types);
            if (!found.isEmpty()) {
                out.put(id, found);
            }
        }
        return out;
    }

    /**
     * Stores the accepted objects of one envelope and persists the status resource, all in one
     * transaction: either everything below is stored or nothing is.
     *
     * <p>Each object gets a {@code date_added} that is unique and strictly increasing within the
     * collection. An object whose id and version are already in the collection is not stored again
     * and counts as a success, with the stored version's spelling and {@link #ALREADY_PRESENT}.
     * Versions are compared by instant: {@code ...01.1Z} and {@code ...01.100Z} are the same. {@code refused} (invalid or not allowed) go into the status failures
     * as given.
     *
     * @param totalCount number of objects in the envelope
     */
    StatusRecord add(String apiRoot, String collectionId, String owner, long requestTimestampMicros,
                     int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused);

    /**
     * {@link #add} with objects that wait for marking definitions not found yet: a store that can
     * hold them keeps them out of the collection, durably and in the same transaction, lists them
     * in the status {@code pendings} (status {@code pending}) and lets them be judged again later.
     * This default cannot hold them: they fail with the reason they wait.
     */
    default StatusRecord add(String apiRoot, String collectionId, String owner, long requestTimestampMicros,
                             int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused,
                             List<WaitingObject> waiting) {
        if (waiting.isEmpty()) {
            return add(apiRoot, collectionId, owner, requestTimestampMicros, totalCount, accepted, refused);
        }
        List<StatusDetail> failures = new ArrayList<>(refused);
        for (WaitingObject w : waiting) {
            StatusDetail d = w.detail();
            failures.add(new StatusDetail(d.id(), d.version(), d.message() + "; this store cannot wait for it"));
        }
        return add(apiRoot, collectionId, owner, requestTimestampMicros, totalCount, accepted, failures);
    }

    /**
     * Deletes the matching versions of one object (DELETE an Object).
     *
     * @return the number of versions removed
     */
    int delete(String collectionId, String objectId, VersionMatch versions, List<String> specVersions);

    Optional<StatusRecord> status(String apiRoot, String statusId);

    /**
     * When the collection's stored objects last changed (an add that stored something, a delete
     * that removed something), in epoch microseconds, strictly increasing per change; 0 for a
     * collection never written; -1 when the store cannot tell (then no conditional GET is offered).
     * Must cost no more than one row read: it is the validator of every polling request.
     */
    default long lastChange(String collectionId) {
        return -1;
    }
}
