package nl.camiso.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.StixTimestamp;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TAXII object and status store on the project's schema (see {@code V1_0__objects_and_statuses.sql}).
 *
 * <p>Object versions are written and read with plain JDBC on the connection of a Hibernate-managed
 * transaction ({@code session.doReturningWork}): ingest is a batch insert of hundreds of rows and
 * paging streams raw JSON bytes, where entity mapping would only add allocation and flush work.
 * Transactions, the pool and the other tables' entities stay with Hibernate.
 *
 * <p>Every write of a collection first locks its {@code collection_state} row, which serialises
 * writers of one collection across threads and server processes, and makes each
 * {@code date_added = max(now, last + 1 µs)} unique and strictly increasing.
 */
final class DbObjectStore implements ObjectStore {

    static final String MEDIA_TYPE = "application/stix+json;version=2.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** Ids per {@code IN (...)} list: keeps statements short and reusable. */
    private static final int IN_CHUNK = 100;

    private final Database db;
    /** collection id → collection_key; keys never change once assigned. */
    private final Map<String, Integer> keys = new ConcurrentHashMap<>();

    DbObjectStore(Database db) {
        this.db = db;
    }

    // --- reads ----------------------------------------------------------------------------------

    @Override
    public Page<StoredVersion> find(String collectionId, ObjectQuery q) {
        return db.inTransaction(s -> s.doReturningWork(c -> {
            Integer key = key(c, collectionId);
            if (key == null) {
                return new Page<>(List.of(), false);
            }
            StringBuilder sql = new StringBuilder("SELECT date_added, object_id, object_type, version_text, spec_version, media_type")
                    .append(q.includeJson() ? ", json_bytes" : "")
                    .append(" FROM stix_object WHERE collection_key = ? AND date_added > ?");
            List<Object> args = new ArrayList<>();
            args.add(key);
            long lower = Math.max(q.addedAfterMicros() == null ? Long.MIN_VALUE : q.addedAfterMicros(),
                    q.afterCursorMicros() == null ? Long.MIN_VALUE : q.afterCursorMicros());
            args.add(lower);
            if (q.objectId() != null) {
                sql.append(" AND object_id = ?");
                args.add(q.objectId());
            }
            in(sql, args, "object_id", q.ids());
            in(sql, args, "object_type", q.types());
            in(sql, args, "spec_version", q.specVersions());
            appendVersionMatch(sql, args, q.versions());
            sql.append(" ORDER BY date_added LIMIT ?");
            args.add(q.limit() + 1);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, args);
                List<StoredVersion> out = new ArrayList<>(Math.min(q.limit() + 1, 1024));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredVersion(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getLong(1), rs.getString(6), q.includeJson() ? rs.getBytes(7) : null));
                    }
                }
                boolean more = out.size() > q.limit();
                return new Page<>(more ? out.subList(0, q.limit()) : out, more);
            }
        }));
    }

    /** first/last are per-object flags kept by writes; exact versions compare as instants. */
    private static void appendVersionMatch(StringBuilder sql, List<Object> args, VersionMatch v) {
        if (v.all()) {
            return;
        }
        List<String> alternatives = new ArrayList<>();
        if (v.first()) {
            alternatives.add("is_first = TRUE");
        }
        if (v.last()) {
            alternatives.add("is_last = TRUE");
        }
        List<Long> exact = new ArrayList<>();
        for (String t : v.exact()) {
            try {
                exact.add(StixTimestamp.parse(t).epochMicros());
            } catch (IllegalArgumentException e) {
                // not a timestamp: cannot match any STIX version
            }
        }
        if (!exact.isEmpty()) {
            alternatives.add("version_micros IN (" + "?,".repeat(exact.size() - 1) + "?)");
            args.addAll(exact);
        }
        if (alternatives.isEmpty()) {
            sql.append(" AND 1 = 0");
        } else {
            sql.append(" AND (").append(String.join(" OR ", alternatives)).append(')');
        }
    }

    private static void in(StringBuilder sql, List<Object> args, String column, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (").append("?,".repeat(values.size() - 1)).append("?)");
        args.addAll(values);
    }

    @Override
    public boolean contains(String collectionId, String objectId) {
        return db.inTransaction(s -> s.doReturningWork(c -> {
            Integer key = key(c, collectionId);
            if (key == null) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM stix_object WHERE collection_key = ? AND object_id = ? LIMIT 1")) {
                ps.setInt(1, key);
                ps.setString(2, objectId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }));
    }

    // --- add ------------------------------------------------------------------------------------

    /** One object version about to be inserted, with its final flags. */
    private static final class Row {
        final IncomingObject in;
        final String objectId;
        String versionText;
        long versionMicros;
        long dateAdded;
        boolean first;
        boolean last;

        Row(IncomingObject in) {
            this.in = in;
            this.objectId = in.object().id();
        }
    }

    /** A version already stored: only what flag maintenance needs. */
    private record Existing(long versionMicros, long dateAdded, boolean first, boolean last) {
    }

    @Override
    public StatusRecord add(String apiRoot, String collectionId, String owner, long requestTimestampMicros,
                            int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused) {
        ensureCollection(collectionId);
        return db.inTransaction(s -> s.doReturningWork(c -> {
            State state = lockState(c, collectionId);
            long clock = Math.max(nowMicros(), state.lastDateAdded + 1);
            Map<String, List<Existing>> existing = existingVersions(c, state.key, accepted);

            List<StatusDetail> successes = new ArrayList<>();
            List<Row> rows = new ArrayList<>(accepted.size());
            Map<String, List<Row>> newById = new LinkedHashMap<>();
            for (IncomingObject in : accepted) {
                Row r = new Row(in);
                List<Existing> stored = existing.getOrDefault(r.objectId, List.of());
                List<Row> batch = newById.computeIfAbsent(r.objectId, k -> new ArrayList<>());
                String version = in.object().versionText();
                if (version == null) {
                    // SCOs are not versioned: the first copy wins, its date_added is its version
                    if (!stored.isEmpty() || !batch.isEmpty()) {
                        successes.add(new StatusDetail(r.objectId, scoVersion(c, state.key, r.objectId, batch), "already present"));
                        continue;
                    }
                    r.dateAdded = clock++;
                    r.versionMicros = r.dateAdded;
                    r.versionText = MICROS.format(Instant.EPOCH.plus(r.dateAdded, ChronoUnit.MICROS));
                } else {
                    r.versionText = version;
                    r.versionMicros = StixTimestamp.parse(version).epochMicros();
                    long vm = r.versionMicros;
                    if (stored.stream().anyMatch(e -> e.versionMicros == vm) || batch.stream().anyMatch(b -> b.versionMicros == vm)) {
                        successes.add(new StatusDetail(r.objectId, version, "already present"));
                        continue;
                    }
                    r.dateAdded = clock++;
                }
                batch.add(r);
                rows.add(r);
                successes.add(new StatusDetail(r.objectId, r.versionText, in.message()));
            }

            List<long[]> clearFirst = new ArrayList<>();
            List<long[]> clearLast = new ArrayList<>();
            for (Map.Entry<String, List<Row>> e : newById.entrySet()) {
                List<Row> batch = e.getValue();
                if (batch.isEmpty()) {
                    continue;
                }
                List<Existing> stored = existing.getOrDefault(e.getKey(), List.of());
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (Existing x : stored) {
                    min = Math.min(min, x.versionMicros);
                    max = Math.max(max, x.versionMicros);
                }
                for (Row r : batch) {
                    min = Math.min(min, r.versionMicros);
                    max = Math.max(max, r.versionMicros);
                }
                for (Row r : batch) {
                    r.first = r.versionMicros == min;
                    r.last = r.versionMicros == max;
                }
                for (Existing x : stored) {
                    if (x.first && x.versionMicros != min) {
                        clearFirst.add(new long[]{x.dateAdded});
                    }
                    if (x.last && x.versionMicros != max) {
                        clearLast.add(new long[]{x.dateAdded});
                    }
                }
            }
            clearFlag(c, state.key, "is_first", clearFirst);
            clearFlag(c, state.key, "is_last", clearLast);
            insertRows(c, state.key, rows);
            ReferenceIndex.recordAll(c, collectionId, rows.stream().map(r -> r.in.object()).toList()); // actions/release
            if (!rows.isEmpty()) {
                updateState(c, state.key, clock - 1);
            }
            StatusRecord status = new StatusRecord(UUID.randomUUID().toString(), apiRoot, collectionId, owner, "complete",
                    requestTimestampMicros, totalCount, successes, refused, List.of());
            insertStatus(c, status);
            return status;
        }));
    }

    /** The version of an SCO already stored or earlier in the same envelope. */
    private static String scoVersion(Connection c, int key, String objectId, List<Row> batch) throws SQLException {
        if (!batch.isEmpty()) {
            return batch.get(0).versionText;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version_text FROM stix_object WHERE collection_key = ? AND object_id = ? ORDER BY date_added LIMIT 1")) {
            ps.setInt(1, key);
            ps.setString(2, objectId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private static Map<String, List<Existing>> existingVersions(Connection c, int key, List<IncomingObject> accepted)
            throws SQLException {
        List<String> ids = accepted.stream().map(i -> i.object().id()).distinct().toList();
        Map<String, List<Existing>> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            String sql = "SELECT object_id, version_micros, date_added, is_first, is_last FROM stix_object"
                    + " WHERE collection_key = ? AND object_id IN (" + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, key);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Existing(rs.getLong(2), rs.getLong(3), rs.getBoolean(4), rs.getBoolean(5)));
                    }
                }
            }
        }
        return out;
    }

    private static void clearFlag(Connection c, int key, String column, List<long[]> dateAdded) throws SQLException {
        if (dateAdded.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE stix_object SET " + column + " = FALSE WHERE collection_key = ? AND date_added = ?")) {
            for (long[] d : dateAdded) {
                ps.setInt(1, key);
                ps.setLong(2, d[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertRows(Connection c, int key, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stix_object (collection_key, date_added, object_id,"
                + " object_type, version_text, version_micros, spec_version, media_type, is_first, is_last, json_bytes)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Row r : rows) {
                StixObject o = r.in.object();
                String specVersion = o.specVersion() == null ? "2.1" : o.specVersion();
                ps.setInt(1, key);
                ps.setLong(2, r.dateAdded);
                ps.setString(3, r.objectId);
                ps.setString(4, o.type());
                ps.setString(5, r.versionText);
                ps.setLong(6, r.versionMicros);
                ps.setString(7, specVersion);
                ps.setString(8, MEDIA_TYPE);
                ps.setBoolean(9, r.first);
                ps.setBoolean(10, r.last);
                ps.setBytes(11, r.in.json());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // --- delete ---------------------------------------------------------------------------------

    @Override
    public int delete(String collectionId, String objectId, VersionMatch versions, List<String> specVersions) {
        if (!contains(collectionId, objectId)) {
            return 0;
        }
        return db.inTransaction(s -> s.doReturningWork(c -> {
            State state = lockState(c, collectionId);
            List<Existing> all = new ArrayList<>();
            List<String> specs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT version_micros, date_added, is_first, is_last, spec_version"
                    + " FROM stix_object WHERE collection_key = ? AND object_id = ? ORDER BY version_micros")) {
                ps.setInt(1, state.key);
                ps.setString(2, objectId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Existing(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getBoolean(4)));
                        specs.add(rs.getString(5));
                    }
                }
            }
            List<Long> exact = new ArrayList<>();
            for (String t : versions.exact()) {
                try {
                    exact.add(StixTimestamp.parse(t).epochMicros());
                } catch (IllegalArgumentException e) {
                    // matches nothing
                }
            }
            List<Existing> doomed = new ArrayList<>();
            List<Existing> kept = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Existing x = all.get(i);
                boolean versionHit = versions.all() || (versions.first() && x.first) || (versions.last() && x.last)
                        || exact.contains(x.versionMicros);
                boolean specHit = specVersions.isEmpty() || specVersions.contains(specs.get(i));
                (versionHit && specHit ? doomed : kept).add(x);
            }
            if (doomed.isEmpty()) {
                return 0;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM stix_object WHERE collection_key = ? AND date_added = ?")) {
                for (Existing x : doomed) {
                    ps.setInt(1, state.key);
                    ps.setLong(2, x.dateAdded);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (kept.isEmpty()) {
                ReferenceIndex.forget(c, collectionId, objectId); // no version left to refer to anything
            } else {
                // kept is in version order: repair the flags of the survivors
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE stix_object SET is_first = ?, is_last = ? WHERE collection_key = ? AND date_added = ?")) {
                    for (int i = 0; i < kept.size(); i++) {
                        ps.setBoolean(1, i == 0);
                        ps.setBoolean(2, i == kept.size() - 1);
                        ps.setInt(3, state.key);
                        ps.setLong(4, kept.get(i).dateAdded);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return doomed.size();
        }));
    }

    // --- status ---------------------------------------------------------------------------------

    private static void insertStatus(Connection c, StatusRecord st) throws SQLException {
        ObjectNode details = JSON.createObjectNode();
        details.set("successes", detailsJson(st.successes()));
        details.set("failures", detailsJson(st.failures()));
        details.set("pendings", detailsJson(st.pendings()));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO taxii_status (id, api_root, collection_id, owner_name,"
                + " status, request_timestamp, total_count, success_count, failure_count, pending_count, details_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, st.id());
            ps.setString(2, st.apiRoot());
            ps.setString(3, st.collectionId());
            ps.setString(4, st.owner());
            ps.setString(5, st.status());
            ps.setLong(6, st.requestTimestampMicros());
            ps.setInt(7, st.totalCount());
            ps.setInt(8, st.successCount());
            ps.setInt(9, st.failureCount());
            ps.setInt(10, st.pendingCount());
            ps.setString(11, details.toString());
            ps.executeUpdate();
        }
    }

    private static ArrayNode detailsJson(List<StatusDetail> list) {
        ArrayNode a = JSON.createArrayNode();
        for (StatusDetail d : list) {
            ObjectNode n = a.addObject();
            n.put("id", d.id());
            n.put("version", d.version());
            if (d.message() != null) {
                n.put("message", d.message());
            }
        }
        return a;
    }

    private static List<StatusDetail> detailsFrom(JsonNode array) {
        List<StatusDetail> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(new StatusDetail(n.path("id").asText(), n.path("version").asText(),
                    n.hasNonNull("message") ? n.get("message").asText() : null));
        }
        return out;
    }

    @Override
    public Optional<StatusRecord> status(String apiRoot, String statusId) {
        return db.inTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, api_root, collection_id, owner_name, status,"
                    + " request_timestamp, total_count, details_json FROM taxii_status WHERE id = ? AND api_root = ?")) {
                ps.setString(1, statusId);
                ps.setString(2, apiRoot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    JsonNode d;
                    try {
                        d = JSON.readTree(rs.getString(8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return Optional.of(new StatusRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), rs.getInt(7), detailsFrom(d.path("successes")),
                            detailsFrom(d.path("failures")), detailsFrom(d.path("pendings"))));
                }
            }
        }));
    }

    // --- collection state -----------------------------------------------------------------------

    private record State(int key, long lastDateAdded) {
    }

    /** Creates the collection's state row if missing, in its own transaction (a race with another process is fine). */
    private void ensureCollection(String collectionId) {
        if (keys.containsKey(collectionId)) {
            return;
        }
        try {
            db.inTransaction(s -> s.doReturningWork(c -> {
                if (key(c, collectionId) == null) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO collection_state (collection_id, last_date_added, spec_versions) VALUES (?, 0, '2.1')")) {
                        ps.setString(1, collectionId);
                        ps.executeUpdate();
                    }
                }
                return null;
            }));
        } catch (RuntimeException e) {
            // another process created it at the same moment: the unique constraint kept one row
            if (db.inTransaction(s -> s.doReturningWork(c -> key(c, collectionId))) == null) {
                throw e;
            }
        }
    }

    private State lockState(Connection c, String collectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT collection_key, last_date_added FROM collection_state WHERE collection_id = ? FOR UPDATE")) {
            ps.setString(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StorageException("collection " + collectionId + " has no state row", null);
                }
                return new State(rs.getInt(1), rs.getLong(2));
            }
        }
    }

    private static void updateState(Connection c, int key, long lastDateAdded) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE collection_state SET last_date_added = ? WHERE collection_key = ?")) {
            ps.setLong(1, lastDateAdded);
            ps.setInt(2, key);
            ps.executeUpdate();
        }
    }

    /** The collection's key, or null when nothing was ever written to it. */
    private Integer key(Connection c, String collectionId) throws SQLException {
        Integer k = keys.get(collectionId);
        if (k != null) {
            return k;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT collection_key FROM collection_state WHERE collection_id = ?")) {
            ps.setString(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    k = rs.getInt(1);
                    keys.put(collectionId, k);
                    return k;
                }
                return null;
            }
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (a instanceof Long n) {
                ps.setLong(i + 1, n);
            } else {
                ps.setString(i + 1, (String) a);
            }
        }
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
