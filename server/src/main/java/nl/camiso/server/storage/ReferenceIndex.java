package nl.camiso.server.storage;

import nl.camiso.stix.StixObject;
import nl.camiso.taxii.spi.IndexedReferences;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Referrer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Backward references across collections (table {@code camiso_reference}, migrations V5 and V7,
 * indexed by the {@link IdKeys} key of the target and the {@link ObjectIdHash} of the referrer): which
 * stored objects refer to a given id, for {@link ObjectStore#referrers}. Only the
 * {@link IndexedReferences} are indexed, so ingest of everything else costs one map lookup.
 *
 * <p>The object store calls {@link #record} for every stored object version inside its add
 * transaction (after it locked the collection, so writers of one collection never race on the
 * same rows) and {@link #forget} when the last version of an object in a collection is deleted.
 * A row means "some stored version refers to the target"; callers re-check the latest version.
 *
 * <p>One instance per {@link Database} ({@link Database#references()}): it holds the database's
 * {@link IdKeys} for object ids and reference targets.
 */
final class ReferenceIndex {

    private final IdKeys objectKeys;
    private final IdKeys targetKeys;

    ReferenceIndex(IdKeys objectKeys, IdKeys targetKeys) {
        this.objectKeys = objectKeys;
        this.targetKeys = targetKeys;
    }

    /** Indexes one stored object version; see {@link #recordAll}. */
    void record(Connection c, String collectionId, StixObject object) throws SQLException {
        recordAll(c, collectionId, List.of(object));
    }

    /**
     * Indexes stored object versions of one collection. Call inside the add transaction, after the
     * collection is locked. Costs nothing for types not indexed; otherwise one query for the rows
     * already there (a new version usually refers to the same ids) per 500 referrers, and one batch.
     */
    void recordAll(Connection c, String collectionId, List<StixObject> objects) throws SQLException {
        recordAll(c, collectionId, objects, id -> true);
    }

    /**
     * As {@link #recordAll(Connection, String, List)}, looking up existing rows only for the
     * referrers {@code mayHaveRows} admits. The object store passes "had a stored version before
     * this add": an object with no version in the collection has no rows (see {@link #forget}),
     * so the first version of an object, the usual case, costs no query.
     */
    void recordAll(Connection c, String collectionId, List<StixObject> objects,
                                 Predicate<String> mayHaveRows) throws SQLException {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        for (StixObject o : objects) {
            Set<String> t = IndexedReferences.targets(o);
            if (!t.isEmpty() && o.id() != null) {
                wanted.computeIfAbsent(o.id(), k -> new LinkedHashSet<>()).addAll(t);
                types.put(o.id(), o.type());
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        List<String> referrers = new ArrayList<>();
        for (String id : wanted.keySet()) {
            if (mayHaveRows.test(id)) {
                referrers.add(id);
            }
        }
        if (!referrers.isEmpty()) {
            // point lookups on (target_hash, referrer_hash): only new versions of stored objects get here
            for (String referrer : referrers) {
                long referrerHash = ObjectIdHash.of(referrer);
                wanted.get(referrer).removeIf(target -> {
                    try {
                        return exists(c, target, collectionId, referrer, referrerHash);
                    } catch (SQLException e) {
                        throw new StorageException("cannot read camiso_reference", e);
                    }
                });
            }
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO camiso_reference (target_id, collection_id, referrer_id, referrer_type, target_hash, referrer_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            boolean any = false;
            for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
                long referrerHash = ObjectIdHash.of(e.getKey());
                for (String t : e.getValue()) {
                    if (t.length() > 300) {
                        continue; // not an identifier the validator accepted; nothing can be found by it
                    }
                    ins.setString(1, t);
                    ins.setString(2, collectionId);
                    ins.setString(3, e.getKey());
                    ins.setString(4, types.get(e.getKey()));
                    ins.setLong(5, targetKeys.newKey(t));
                    ins.setLong(6, referrerHash);
                    ins.addBatch();
                    any = true;
                }
            }
            if (any) {
                ins.executeBatch();
            }
        }
    }

    private static String placeholders(int n) {
        return "?,".repeat(n).substring(0, 2 * n - 1);
    }

    /**
     * Removes the rows of an object that has no version left in the collection. Scans the table
     * (there is no referrer index, see V5); the object store uses the overload with the targets.
     */
    void forget(Connection c, String collectionId, String objectId) throws SQLException {
        try (PreparedStatement d = c.prepareStatement(
                "DELETE FROM camiso_reference WHERE collection_id = ? AND referrer_id = ?")) {
            d.setString(1, collectionId);
            d.setString(2, objectId);
            d.executeUpdate();
        }
    }

    /**
     * Removes the rows of an object that has no version left in the collection, given the
     * {@link IndexedReferences#targets} of all its versions (one indexed delete per target).
     */
    void forget(Connection c, String collectionId, String objectId, Set<String> targets) throws SQLException {
        if (targets.isEmpty()) {
            return;
        }
        long referrerHash = ObjectIdHash.of(objectId);
        for (String t : targets) {
            long[] keys = targetKeys.candidates(t);
            if (keys.length == 0) {
                continue;
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM camiso_reference WHERE " + rowCondition(keys))) {
                bindRow(d, keys, t, collectionId, objectId, referrerHash);
                d.executeUpdate();
            }
        }
    }

    /** Whether the row (target, collection, referrer) is there. */
    private boolean exists(Connection c, String target, String collectionId, String referrer, long referrerHash)
            throws SQLException {
        long[] keys = targetKeys.candidates(target);
        if (keys.length == 0) {
            return false;
        }
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM camiso_reference WHERE " + rowCondition(keys))) {
            bindRow(q, keys, target, collectionId, referrer, referrerHash);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** One row, found through the index: any of the target's keys, the referrer's hash, then the exact ids. */
    private static String rowCondition(long[] targetKeys) {
        return "target_hash IN (" + placeholders(targetKeys.length) + ") AND referrer_hash = ? AND target_id = ?"
                + " AND collection_id = ? AND referrer_id = ?";
    }

    private static void bindRow(PreparedStatement ps, long[] targetKeys, String target, String collectionId,
                                String referrer, long referrerHash) throws SQLException {
        int i = bindKeys(ps, targetKeys);
        ps.setLong(i++, referrerHash);
        ps.setString(i++, target);
        ps.setString(i++, collectionId);
        ps.setString(i, referrer);
    }

    /** Binds keys from parameter 1 on; returns the next parameter index. */
    private static int bindKeys(PreparedStatement ps, long[] keys) throws SQLException {
        int i = 1;
        for (long k : keys) {
            ps.setLong(i++, k);
        }
        return i;
    }

    /** A key no entry has: {@link GenerationalIdKeys} keys are positive, and a hash key also needs the id to match. */
    private static final long[] NO_ENTRY = {-1L};

    /**
     * The keys to look an id up under, for the lookups the extension endpoints make on behalf of a
     * requester, restricted to the collections it may read. The in-memory filters know when an id is
     * stored nowhere at all, but answering that case without a query would make it measurably
     * faster than an id stored only in collections the requester may not read: a timing oracle for
     * what exists. So such an id is looked up too, under a key that matches nothing.
     */
    private static long[] lookupKeys(IdKeys keys, String id) {
        long[] candidates = keys.candidates(id);
        return candidates.length == 0 ? NO_ENTRY : candidates;
    }

    /**
     * Which of the given collections hold a version of the object (one indexed query instead of
     * one per collection), in no particular order. The query runs even for an id stored nowhere
     * (see {@link #lookupKeys}).
     */
    List<String> holders(Connection c, Collection<String> collectionIds, String objectId) throws SQLException {
        if (collectionIds.isEmpty()) {
            return List.of();
        }
        long[] keys = lookupKeys(objectKeys, objectId);
        List<String> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT cs.collection_id FROM stix_object o"
                + " JOIN collection_state cs ON cs.collection_key = o.collection_key"
                + " WHERE o.id_hash IN (" + placeholders(keys.length) + ") AND o.object_id = ? AND cs.collection_id IN ("
                + placeholders(collectionIds.size()) + ")")) {
            int i = bindKeys(q, keys);
            q.setString(i++, objectId);
            for (String id : collectionIds) {
                q.setString(i++, id);
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Objects in the given collections that refer to {@code targetId}, optionally only of some
     * types (empty = any indexed type); ordered by collection and referrer id.
     */
    List<Referrer> referrers(Connection c, Collection<String> collectionIds, String targetId,
                                           Set<String> types) throws SQLException {
        return referrersOfEach(c, collectionIds, List.of(targetId), types).getOrDefault(targetId, List.of());
    }

    /** {@link #referrers} of several targets, 500 a query: target id to its referrers, in the same order. */
    Map<String, List<Referrer>> referrersOfEach(Connection c, Collection<String> collectionIds,
                                                Collection<String> targetIds, Set<String> types) throws SQLException {
        Map<String, List<Referrer>> out = new HashMap<>();
        List<String> targets = List.copyOf(new LinkedHashSet<>(targetIds));
        if (collectionIds.isEmpty() || targets.isEmpty()) {
            return out;
        }
        for (int from = 0; from < targets.size(); from += 500) {
            List<String> batch = targets.subList(from, Math.min(targets.size(), from + 500));
            List<Long> keys = new ArrayList<>();
            for (String id : batch) {
                for (long k : lookupKeys(targetKeys, id)) {
                    keys.add(k);
                }
            }
            StringBuilder sql = new StringBuilder("SELECT target_id, collection_id, referrer_id, referrer_type"
                    + " FROM camiso_reference WHERE target_hash IN (" + placeholders(keys.size())
                    + ") AND target_id IN (" + placeholders(batch.size()) + ") AND collection_id IN ("
                    + placeholders(collectionIds.size()) + ")");
            if (!types.isEmpty()) {
                sql.append(" AND referrer_type IN (").append(placeholders(types.size())).append(')');
            }
            sql.append(" ORDER BY target_id, collection_id, referrer_id");
            try (PreparedStatement q = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (long k : keys) {
                    q.setLong(i++, k);
                }
                for (String id : batch) {
                    q.setString(i++, id);
                }
                for (String id : collectionIds) {
                    q.setString(i++, id);
                }
                for (String t : types) {
                    q.setString(i++, t);
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Referrer(rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
        }
        return out;
    }
}
