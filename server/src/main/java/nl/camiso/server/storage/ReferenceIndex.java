package nl.camiso.server.storage;

import nl.camiso.stix.StixObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Backward references across collections (table {@code camiso_reference}, migration V5): which
 * stored objects refer to a given id. Only the references the extension endpoints follow are
 * indexed, so ingest of everything else costs one map lookup:
 * <ul>
 *   <li>{@code relationship}: {@code source_ref}, {@code target_ref}</li>
 *   <li>{@code language-content}: {@code object_ref}</li>
 *   <li>{@code note}, {@code opinion}, {@code report}: {@code object_refs}</li>
 *   <li>{@code sighting}: {@code sighting_of_ref}</li>
 * </ul>
 *
 * <p>The object store calls {@link #record} for every stored object version inside its add
 * transaction (after it locked the collection, so writers of one collection never race on the
 * same rows) and {@link #forget} when the last version of an object in a collection is deleted.
 * A row means "some stored version refers to the target"; callers re-check the latest version.
 */
public final class ReferenceIndex {

    /** Indexed types and the properties whose references are indexed. */
    public static final Map<String, List<String>> INDEXED = Map.of(
            "relationship", List.of("source_ref", "target_ref"),
            "language-content", List.of("object_ref"),
            "note", List.of("object_refs"),
            "opinion", List.of("object_refs"),
            "report", List.of("object_refs"),
            "sighting", List.of("sighting_of_ref"));

    /** A referring object: where it is stored and what it is. */
    public record Referrer(String collectionId, String objectId, String type) {
    }

    private ReferenceIndex() {
    }

    /** The ids an object refers to through the indexed properties; empty for types not indexed. */
    public static Set<String> targets(StixObject object) {
        List<String> props = INDEXED.get(object.type());
        if (props == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String p : props) {
            if (p.endsWith("_refs")) {
                out.addAll(object.stringList(p));
            } else {
                String v = object.text(p);
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /**
     * Indexes one stored object version. Call inside the add transaction, after the collection
     * is locked; existing rows are kept (a new version usually refers to the same ids).
     */
    public static void record(Connection c, String collectionId, StixObject object) throws SQLException {
        Set<String> targets = targets(object);
        if (targets.isEmpty()) {
            return;
        }
        Set<String> existing = new HashSet<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT target_id FROM camiso_reference WHERE collection_id = ? AND referrer_id = ?")) {
            q.setString(1, collectionId);
            q.setString(2, object.id());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO camiso_reference (target_id, collection_id, referrer_id, referrer_type) VALUES (?, ?, ?, ?)")) {
            boolean any = false;
            for (String t : targets) {
                if (existing.contains(t) || t.length() > 300) {
                    continue;
                }
                ins.setString(1, t);
                ins.setString(2, collectionId);
                ins.setString(3, object.id());
                ins.setString(4, object.type());
                ins.addBatch();
                any = true;
            }
            if (any) {
                ins.executeBatch();
            }
        }
    }

    /** Removes the rows of an object that has no version left in the collection. */
    public static void forget(Connection c, String collectionId, String objectId) throws SQLException {
        try (PreparedStatement d = c.prepareStatement(
                "DELETE FROM camiso_reference WHERE collection_id = ? AND referrer_id = ?")) {
            d.setString(1, collectionId);
            d.setString(2, objectId);
            d.executeUpdate();
        }
    }

    /**
     * Objects in the given collections that refer to {@code targetId}, optionally only of some
     * types (empty = any indexed type); ordered by collection and referrer id.
     */
    public static List<Referrer> referrers(Connection c, Collection<String> collectionIds, String targetId,
                                           Set<String> types) throws SQLException {
        if (collectionIds.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder(
                "SELECT collection_id, referrer_id, referrer_type FROM camiso_reference WHERE target_id = ? AND collection_id IN (");
        sql.append("?,".repeat(collectionIds.size()));
        sql.setLength(sql.length() - 1);
        sql.append(')');
        if (!types.isEmpty()) {
            sql.append(" AND referrer_type IN (").append("?,".repeat(types.size()));
            sql.setLength(sql.length() - 1);
            sql.append(')');
        }
        sql.append(" ORDER BY collection_id, referrer_id");
        List<Referrer> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(sql.toString())) {
            int i = 1;
            q.setString(i++, targetId);
            for (String id : collectionIds) {
                q.setString(i++, id);
            }
            for (String t : types) {
                q.setString(i++, t);
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Referrer(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }
}
