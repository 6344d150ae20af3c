package nl.camiso.server.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.camiso.server.feeds.FeedAddresses;
import nl.camiso.server.ingest.PendingObjects;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.StixTimestamp;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.IndexedReferences;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.Referrer;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;
import nl.camiso.taxii.spi.WaitingObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link ObjectStore} on the {@code stix_object}, {@code collection_state} and {@code taxii_status}
 * tables (see {@code V1_0__objects_and_statuses.sql}).
 *
 * <p>Object rows are read and written with plain JDBC inside Hibernate's transaction
 * ({@code Session.doReturningWork}): the hot paths need batched inserts and keyset queries
 * built from the filters, which entities would only slow down. Status resources are a Hibernate
 * entity ({@link StatusEntity}) persisted in the same transaction.
 *
 * <p>Writers (add, delete) lock their collection's {@code collection_state} row first. That
 * serialises them per collection, also across processes sharing a PostgreSQL database, so that
 * {@code date_added = max(now, last + 1)} is unique and increasing, duplicate detection sees every
 * committed version, and the first/last flags stay right. Readers take no locks.
 *
 * <p>Versions are compared by instant in microseconds: {@code ...01.1Z} and {@code ...01.100Z}
 * are the same version (a duplicate on add; either spelling matches {@code match[version]}).
 */
final class DbObjectStore implements ObjectStore, PendingObjects {

    private static final DateTimeFormatter STIX_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** IN-lists are padded to these sizes so that few distinct statements reach the statement caches. */
    private static final int[] IN_SIZES = {1, 8, 32, 128};
    private static final int IN_CHUNK = 128;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INDICATOR = "indicator--";

    private static final String INSERT = "INSERT INTO stix_object (collection_key, date_added, object_id, object_type,"
            + " version_text, version_micros, spec_version, media_type, is_first, is_last, json_bytes, id_hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_FLAGS =
            "UPDATE stix_object SET is_first = ?, is_last = ? WHERE collection_key = ? AND date_added = ?";

    private final Database db;
    private final PlannerStatistics statistics;
    private final IdKeys idKeys;
    private final ReferenceIndex references;
    /** collection id → collection_key; a key never changes once assigned. */
    private final ConcurrentMap<String, Integer> keys = new ConcurrentHashMap<>();
    /** Held while a collection's state row is created (see {@link #ensureKey}). */
    private final Object creatingState = new Object();
    /** Told after a commit that stored a marking definition (objects may wait for it). */
    private final List<Runnable> markingListeners = new CopyOnWriteArrayList<>();

    DbObjectStore(Database db, PlannerStatistics statistics, IdKeys idKeys, ReferenceIndex references) {
        this.db = db;
        this.statistics = statistics;
        this.idKeys = idKeys;
        this.references = references;
    }

    // ---------------------------------------------------------------------------------- reading

    @Override
    public Page<StoredVersion> find(String collectionId, ObjectQuery query) {
        return db.inTransaction(s -> s.doReturningWork(c -> find(c, collectionId, query)));
    }

    /** {@link #find(String, ObjectQuery)} on a connection in a transaction (package-private for tests). */
    Page<StoredVersion> find(Connection c, String collectionId, ObjectQuery q) throws SQLException {
        int key;
        String specVersionsStored;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT collection_key, spec_versions FROM collection_state WHERE collection_id = ?")) {
            ps.setString(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Page<>(List.of(), false);
                }
                key = rs.getInt(1);
                specVersionsStored = rs.getString(2);
            }
        }
        StringBuilder sql = new StringBuilder(
                "SELECT o.date_added, o.object_id, o.object_type, o.version_text, o.spec_version, o.media_type");
        if (q.includeJson()) {
            sql.append(", o.json_bytes");
        }
        sql.append(" FROM stix_object o WHERE o.collection_key = ?");
        List<Object> params = new ArrayList<>();
        params.add(key);
        if (q.objectId() != null) {
            appendIdLookup(sql, params, "o.", List.of(q.objectId()));
        }
        Long after = maxOrNull(q.addedAfterMicros(), q.afterCursorMicros());
        if (after != null) {
            sql.append(" AND o.date_added > ?");
            params.add(after);
        }
        if (!q.ids().isEmpty()) {
            appendIdLookup(sql, params, "o.", q.ids());
        }
        appendIn(sql, params, "o.object_type", q.types());
        if (!q.specVersions().isEmpty()) {
            appendIn(sql, params, "o.spec_version", q.specVersions());
        } else if (specVersionsStored.indexOf(',') >= 0) {
            // several spec versions in this collection: keep only each object's latest (all versions
            // of an object in a collection share one id_hash, see addObjects)
            sql.append(" AND NOT EXISTS (SELECT 1 FROM stix_object n WHERE n.collection_key = o.collection_key"
                    + " AND n.id_hash = o.id_hash AND n.object_id = o.object_id AND n.spec_version > o.spec_version)");
        }
        appendVersionFilter(sql, params, q.versions());
        if (q.objectId() == null && q.ids().isEmpty()) {
            // the full primary-key order: H2 then walks (collection_key, date_added) in order and stops
            // after limit + 1 matches; with "ORDER BY o.date_added" alone it sorts every row after the cursor
            sql.append(" ORDER BY o.collection_key, o.date_added LIMIT ?");
        } else {
            // few rows, found through the object_id index, then sorted
            sql.append(" ORDER BY o.date_added LIMIT ?");
        }
        params.add(q.limit() + 1);

        List<StoredVersion> items = new ArrayList<>(Math.min(q.limit(), 1024));
        boolean more = false;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == q.limit()) {
                        more = true;
                        break;
                    }
                    items.add(new StoredVersion(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getLong(1), rs.getString(6), q.includeJson() ? rs.getBytes(7) : null));
                }
            }
        }
        return new Page<>(items, more);
    }

    /** {@code match[version]}: first, last and exact values ORed; all means no filter; nothing means last. */
    private static void appendVersionFilter(StringBuilder sql, List<Object> params, VersionMatch v) {
        if (v == null) {
            v = VersionMatch.LAST;
        }
        if (v.all()) {
            return;
        }
        List<String> ors = new ArrayList<>();
        if (v.first()) {
            ors.add("o.is_first = TRUE");
        }
        if (v.last() || (!v.first() && v.exact().isEmpty())) {
            ors.add("o.is_last = TRUE");
        }
        ExactVersions exact = ExactVersions.of(v.exact());
        if (!exact.micros.isEmpty()) {
            StringBuilder in = new StringBuilder();
            appendIn(in, params, "o.version_micros", new ArrayList<>(exact.micros));
            ors.add(in.substring(" AND ".length()));
        }
        if (!exact.texts.isEmpty()) {
            StringBuilder in = new StringBuilder();
            appendIn(in, params, "o.version_text", new ArrayList<>(exact.texts));
            ors.add(in.substring(" AND ".length()));
        }
        sql.append(" AND (").append(String.join(" OR ", ors)).append(')');
    }

    /** Exact {@code match[version]} values: STIX timestamps compare by instant, anything else by text. */
    private record ExactVersions(Set<Long> micros, Set<String> texts) {
        static ExactVersions of(Set<String> values) {
            Set<Long> micros = new TreeSet<>();
            Set<String> texts = new TreeSet<>();
            for (String value : values) {
                if (StixTimestamp.isValid(value)) {
                    micros.add(StixTimestamp.parse(value).epochMicros());
                } else {
                    texts.add(value);
                }
            }
            return new ExactVersions(micros, texts);
        }

        boolean matches(long versionMicros, String versionText) {
            return micros.contains(versionMicros) || texts.contains(versionText);
        }
    }

    @Override
    public boolean contains(String collectionId, String objectId) {
        return db.inTransaction(s -> s.doReturningWork(c -> contains(c, collectionId, objectId)));
    }

    /** {@link #contains(String, String)} on a connection in a transaction (package-private for tests). */
    boolean contains(Connection c, String collectionId, String objectId) throws SQLException {
        Integer key = existingKey(c, collectionId);
        if (key == null) {
            return false;
        }
        StringBuilder sql = new StringBuilder("SELECT 1 FROM stix_object WHERE collection_key = ?");
        List<Object> params = new ArrayList<>(List.of(key));
        appendIdLookup(sql, params, "", List.of(objectId));
        try (PreparedStatement ps = c.prepareStatement(sql.append(" LIMIT 1").toString())) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** One indexed query over all the collections (see {@link ReferenceIndex#holders}). */
    @Override
    public List<String> holders(Collection<String> collectionIds, String objectId) {
        return db.inTransaction(s -> s.doReturningWork(c -> references.holders(c, collectionIds, objectId)));
    }

    /** From the reference index (see {@link ReferenceIndex#referrers}). */
    @Override
    public List<Referrer> referrers(Collection<String> collectionIds, String targetId, Set<String> types) {
        return db.inTransaction(s -> s.doReturningWork(c -> references.referrers(c, collectionIds, targetId, types)));
    }

    @Override
    public Map<String, List<Referrer>> referrersOfEach(Collection<String> collectionIds, Collection<String> targetIds,
                                                       Set<String> types) {
        return db.inTransaction(s -> s.doReturningWork(c -> references.referrersOfEach(c, collectionIds, targetIds, types)));
    }

    @Override
    public Optional<StatusRecord> status(String apiRoot, String statusId) {
        return db.inTransaction(s -> {
            StatusEntity e = s.find(StatusEntity.class, statusId);
            if (e == null || !e.apiRoot().equals(apiRoot)) {
                return Optional.<StatusRecord>empty();
            }
            Details d;
            try {
                d = JSON.readValue(e.detailsJson(), Details.class);
            } catch (JsonProcessingException ex) {
                throw new StorageException("unreadable details of status " + statusId, ex);
            }
            return Optional.of(new StatusRecord(e.id(), e.apiRoot(), e.collectionId(), e.ownerName(), e.status(),
                    e.requestTimestamp(), e.totalCount(), d.successes(), d.failures(), d.pendings()));
        });
    }

    /** The JSON shape of {@code taxii_status.details_json}. */
    record Details(List<StatusDetail> successes, List<StatusDetail> failures, List<StatusDetail> pendings) {
    }

    // ---------------------------------------------------------------------------------- writing

    /** One version of an object in the collection, stored or about to be. */
    private static final class Version {
        final long dateAdded;
        /** The id_hash of the row: the key of the object's stored versions, else a new one (see addObjects). */
        final long key;
        final long versionMicros;
        final String versionText;
        final String specVersion;
        final boolean stored;
        final boolean wasFirst;
        final boolean wasLast;
        boolean first;
        boolean last;
        IncomingObject incoming;
        String type;

        Version(long dateAdded, long key, long versionMicros, String versionText, String specVersion, boolean stored,
                boolean wasFirst, boolean wasLast) {
            this.dateAdded = dateAdded;
            this.key = key;
            this.versionMicros = versionMicros;
            this.versionText = versionText;
            this.specVersion = specVersion;
            this.stored = stored;
            this.wasFirst = wasFirst;
            this.wasLast = wasLast;
        }

        boolean flagsChanged() {
            return first != wasFirst || last != wasLast;
        }
    }

    @Override
    public StatusRecord add(String apiRoot, String collectionId, String owner, long requestTimestampMicros,
                            int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused) {
        return add(apiRoot, collectionId, owner, requestTimestampMicros, totalCount, accepted, refused, List.of());
    }

    /** The waiting objects go into {@code pending_object}, in the transaction that writes their status. */
    @Override
    public StatusRecord add(String apiRoot, String collectionId, String owner, long requestTimestampMicros,
                            int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused,
                            List<WaitingObject> waiting) {
        int key = ensureKey(collectionId);
        StatusRecord status = db.inTransaction(s -> {
            List<StatusDetail> successes = s.doReturningWork(c -> addObjects(c, key, collectionId, accepted));
            List<StatusDetail> pendings = waiting.stream().map(WaitingObject::detail).toList();
            String id = UUID.randomUUID().toString();
            if (!waiting.isEmpty()) {
                s.doWork(c -> insertWaiting(c, id, requestTimestampMicros, waiting));
            }
            StatusRecord record = new StatusRecord(id, apiRoot, collectionId, owner,
                    pendings.isEmpty() ? "complete" : "pending", requestTimestampMicros, totalCount, successes, refused,
                    pendings);
            s.persist(new StatusEntity(record.id(), apiRoot, collectionId, owner, record.status(), requestTimestampMicros,
                    totalCount, record.successCount(), record.failureCount(), record.pendingCount(), detailsJson(record)));
            return record;
        });
        statistics.rowsAdded(status.successCount());
        if (accepted.stream().anyMatch(in -> "marking-definition".equals(in.object().type()))) {
            markingListeners.forEach(Runnable::run);
        }
        return status;
    }

    private static String detailsJson(StatusRecord record) {
        try {
            return JSON.writeValueAsString(new Details(record.successes(), record.failures(), record.pendings()));
        } catch (JsonProcessingException e) {
            throw new StorageException("cannot write status details", e);
        }
    }

    private static void insertWaiting(Connection c, String statusId, long since, List<WaitingObject> waiting)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pending_object (status_id, seq, object_id,"
                + " version_text, since, awaiting, reason, json_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (WaitingObject w : waiting) {
                StatusDetail d = w.detail();
                ps.setString(1, statusId);
                ps.setInt(2, seq++);
                ps.setString(3, d.id());
                ps.setString(4, d.version());
                ps.setLong(5, since);
                ps.setString(6, String.join(" ", new TreeSet<>(w.verdict().awaiting())));
                ps.setString(7, d.message() == null ? "" : d.message());
                ps.setBytes(8, w.object().json());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---------------------------------------------------------------------------------- waiting objects

    @Override
    public Map<String, Long> statusesWaiting() {
        return db.inTransaction(s -> s.doReturningWork(c -> {
            Map<String, Long> ids = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status_id, MIN(since) FROM pending_object GROUP BY status_id ORDER BY MIN(since), status_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
            return ids;
        }));
    }

    @Override
    public Optional<Group> group(String statusId) {
        return db.inTransaction(s -> s.doReturningWork(c -> {
            String apiRoot;
            String collectionId;
            String owner;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT api_root, collection_id, owner_name FROM taxii_status WHERE id = ?")) {
                ps.setString(1, statusId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Group>empty();
                    }
                    apiRoot = rs.getString(1);
                    collectionId = rs.getString(2);
                    owner = rs.getString(3);
                }
            }
            List<Waiting> objects = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, object_id, version_text, since, awaiting, reason,"
                    + " json_bytes FROM pending_object WHERE status_id = ? ORDER BY seq")) {
                ps.setString(1, statusId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        objects.add(new Waiting(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                Set.of(rs.getString(5).split(" ")), rs.getString(6), rs.getBytes(7)));
                    }
                }
            }
            return objects.isEmpty() ? Optional.<Group>empty()
                    : Optional.of(new Group(statusId, apiRoot, collectionId, owner, objects));
        }));
    }

    @Override
    public StatusRecord settle(Group group, Map<Integer, IncomingObject> store, Map<Integer, String> fail) {
        int key = ensureKey(group.collectionId());
        List<IncomingObject> stored = new ArrayList<>();
        StatusRecord status = db.inTransaction(s -> s.doReturningWork(c -> {
            stored.clear();
            // the status row first: one settler per status at a time, also across processes
            Details before;
            String state;
            long timestamp;
            int total;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT details_json, request_timestamp, total_count FROM taxii_status WHERE id = ? FOR UPDATE")) {
                ps.setString(1, group.statusId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StorageException("no status " + group.statusId(), null);
                    }
                    before = JSON.readValue(rs.getString(1), Details.class);
                    timestamp = rs.getLong(2);
                    total = rs.getInt(3);
                } catch (JsonProcessingException e) {
                    throw new StorageException("unreadable details of status " + group.statusId(), e);
                }
            }
            List<StatusDetail> failures = new ArrayList<>(before.failures());
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_object WHERE status_id = ? AND seq = ?")) {
                for (Waiting w : group.objects()) {
                    boolean storing = store.containsKey(w.seq());
                    if (!storing && !fail.containsKey(w.seq())) {
                        continue;
                    }
                    ps.setString(1, group.statusId());
                    ps.setInt(2, w.seq());
                    if (ps.executeUpdate() == 0) {
                        continue; // settled by another process meanwhile
                    }
                    if (storing) {
                        stored.add(store.get(w.seq()));
                    } else {
                        failures.add(new StatusDetail(w.objectId(), w.version(), fail.get(w.seq())));
                    }
                }
            }
            List<StatusDetail> successes = new ArrayList<>(before.successes());
            successes.addAll(addObjects(c, key, group.collectionId(), stored));
            List<StatusDetail> pendings = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT object_id, version_text, reason FROM pending_object WHERE status_id = ? ORDER BY seq")) {
                ps.setString(1, group.statusId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pendings.add(new StatusDetail(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            state = pendings.isEmpty() ? "complete" : "pending";
            StatusRecord record = new StatusRecord(group.statusId(), group.apiRoot(), group.collectionId(), group.owner(),
                    state, timestamp, total, successes, failures, pendings);
            try (PreparedStatement ps = c.prepareStatement("UPDATE taxii_status SET status = ?, success_count = ?,"
                    + " failure_count = ?, pending_count = ?, details_json = ? WHERE id = ?")) {
                ps.setString(1, state);
                ps.setInt(2, record.successCount());
                ps.setInt(3, record.failureCount());
                ps.setInt(4, record.pendingCount());
                ps.setString(5, detailsJson(record));
                ps.setString(6, group.statusId());
                ps.executeUpdate();
            }
            return record;
        }));
        statistics.rowsAdded(stored.size());
        if (stored.stream().anyMatch(in -> "marking-definition".equals(in.object().type()))) {
            markingListeners.forEach(Runnable::run);
        }
        return status;
    }

    @Override
    public Set<String> storedAnywhere(Set<String> ids) {
        return db.inTransaction(s -> s.doReturningWork(c -> {
            Set<String> found = new java.util.HashSet<>();
            List<String> all = new ArrayList<>(ids);
            for (int from = 0; from < all.size(); from += IN_CHUNK) {
                StringBuilder sql = new StringBuilder("SELECT DISTINCT object_id FROM stix_object WHERE 1 = 1");
                List<Object> params = new ArrayList<>();
                if (!appendIdIn(sql, params, "", all.subList(from, Math.min(all.size(), from + IN_CHUNK)))) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    bind(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                }
            }
            return found;
        }));
    }

    @Override
    public void onMarkingDefinitionStored(Runnable listener) {
        markingListeners.add(listener);
    }

    private List<StatusDetail> addObjects(Connection c, int key, String collectionId, List<IncomingObject> accepted)
            throws SQLException {
        State state = lockState(c, key);
        if (accepted.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (IncomingObject in : accepted) {
            ids.add(in.object().id());
        }
        Map<String, List<Version>> versions = loadVersions(c, key, ids);
        Set<String> storedBefore = Set.copyOf(versions.keySet()); // ids with a stored version (non-empty lists)

        List<StatusDetail> successes = new ArrayList<>(accepted.size());
        List<Version> inserts = new ArrayList<>(accepted.size());
        Set<String> touched = new LinkedHashSet<>();
        long last = state.lastDateAdded;
        Set<String> specVersions = new TreeSet<>(state.specVersions());
        for (IncomingObject in : accepted) {
            StixObject o = in.object();
            String id = o.id();
            List<Version> existing = versions.computeIfAbsent(id, k -> new ArrayList<>(2));
            String versionText = o.versionText();
            Long versionMicros = versionText == null ? null : parseVersion(id, versionText);
            Version duplicate = null;
            for (Version v : existing) {
                // an unversioned object (SCO) is a duplicate of any stored version of its id
                if (versionMicros == null || v.versionMicros == versionMicros) {
                    duplicate = v;
                    break;
                }
            }
            if (duplicate != null) {
                successes.add(new StatusDetail(id, duplicate.versionText, ALREADY_PRESENT));
                continue;
            }
            last = Math.max(nowMicros(), last + 1);
            if (versionText == null) {
                versionText = STIX_MICROS.format(Instant.ofEpochSecond(0, last * 1000));
                versionMicros = last;
            }
            String spec = specVersionOf(o);
            // all versions of an object in a collection share one key: the NOT EXISTS of find relies on
            // it, and the index then holds the object's versions side by side
            long idKey = existing.isEmpty() ? idKeys.newKey(id) : existing.get(0).key;
            Version v = new Version(last, idKey, versionMicros, versionText, spec, false, false, false);
            v.incoming = in;
            v.type = o.type() != null ? o.type() : id.substring(0, Math.max(0, id.indexOf("--")));
            existing.add(v);
            inserts.add(v);
            touched.add(id);
            specVersions.add(spec);
            successes.add(new StatusDetail(id, versionText, in.message()));
        }
        if (inserts.isEmpty()) {
            return successes;
        }
        List<Version> flagUpdates = new ArrayList<>();
        for (String id : touched) {
            for (Version v : setFlags(versions.get(id))) {
                if (v.stored) {
                    flagUpdates.add(v);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Version v : inserts) {
                ps.setInt(1, key);
                ps.setLong(2, v.dateAdded);
                ps.setString(3, v.incoming.object().id());
                ps.setString(4, v.type);
                ps.setString(5, v.versionText);
                ps.setLong(6, v.versionMicros);
                ps.setString(7, v.specVersion);
                ps.setString(8, "application/stix+json;version=" + v.specVersion);
                ps.setBoolean(9, v.first);
                ps.setBoolean(10, v.last);
                ps.setBytes(11, v.incoming.json());
                ps.setLong(12, v.key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // backward references for the actions/release endpoints, in this same transaction
        references.recordAll(c, collectionId, inserts.stream().map(v -> v.incoming.object()).toList(),
                storedBefore::contains);
        updateFlags(c, key, flagUpdates);
        // the ip feed's address index follows the indicators whose latest version is one of these
        List<FeedAddressIndex.Version> latestNow = new ArrayList<>();
        List<Long> latestBefore = new ArrayList<>();
        for (String id : touched) {
            if (!id.startsWith(INDICATOR)) {
                continue;
            }
            for (Version v : versions.get(id)) {
                if (v.last && !v.stored) {
                    latestNow.add(new FeedAddressIndex.Version(v.dateAdded, FeedAddresses.of(v.incoming.object())));
                } else if (v.wasLast && !v.last) {
                    latestBefore.add(v.dateAdded);
                }
            }
        }
        FeedAddressIndex.replace(c, key, FeedAddressIndex.stored(c, key, latestBefore), latestNow);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE collection_state SET last_date_added = ?, spec_versions = ?,"
                        + " last_change = CASE WHEN ? THEN GREATEST(last_change + 1, ?) ELSE last_change END"
                        + " WHERE collection_key = ?")) {
            ps.setLong(1, last);
            ps.setString(2, String.join(",", specVersions));
            ps.setBoolean(3, !inserts.isEmpty());
            ps.setLong(4, nowMicros());
            ps.setInt(5, key);
            ps.executeUpdate();
        }
        return successes;
    }

    @Override
    public int delete(String collectionId, String objectId, VersionMatch match, List<String> specVersions) {
        return db.inTransaction(s -> s.doReturningWork(c -> {
            Integer key = existingKey(c, collectionId);
            if (key == null) {
                return 0;
            }
            lockState(c, key);
            List<Version> all = loadVersions(c, key, Set.of(objectId)).getOrDefault(objectId, List.of());
            if (all.isEmpty()) {
                return 0;
            }
            VersionMatch v = match == null ? VersionMatch.LAST : match;
            boolean defaultLast = !v.all() && !v.first() && !v.last() && v.exact().isEmpty();
            ExactVersions exact = ExactVersions.of(v.exact());
            String latestSpec = all.stream().map(x -> x.specVersion).max(String::compareTo).orElseThrow();
            List<Version> doomed = new ArrayList<>();
            List<Version> kept = new ArrayList<>();
            for (Version x : all) {
                boolean specOk = specVersions == null || specVersions.isEmpty()
                        ? x.specVersion.equals(latestSpec) : specVersions.contains(x.specVersion);
                boolean versionOk = v.all() || (v.first() && x.wasFirst) || ((v.last() || defaultLast) && x.wasLast)
                        || exact.matches(x.versionMicros, x.versionText);
                (specOk && versionOk ? doomed : kept).add(x);
            }
            if (doomed.isEmpty()) {
                return 0;
            }
            // the reference rows are found by their targets, read from the JSON before it is gone
            // (a row must go once no remaining version refers to its target, whichever version recorded it)
            Map<Long, Set<String>> targetsByVersion = referenceTargets(c, key, objectId);
            Set<String> unreferenced = new LinkedHashSet<>();
            doomed.forEach(x -> unreferenced.addAll(targetsByVersion.getOrDefault(x.dateAdded, Set.of())));
            kept.forEach(x -> unreferenced.removeAll(targetsByVersion.getOrDefault(x.dateAdded, Set.of())));
            // so are the ip feed's addresses of an indicator whose latest version goes
            boolean latestGoes = objectId.startsWith(INDICATOR) && doomed.stream().anyMatch(x -> x.wasLast);
            List<FeedAddressIndex.Version> latestBefore = latestGoes ? FeedAddressIndex.stored(c, key,
                    doomed.stream().filter(x -> x.wasLast).map(x -> x.dateAdded).toList()) : List.of();
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM stix_object WHERE collection_key = ? AND date_added = ?")) {
                for (Version x : doomed) {
                    ps.setInt(1, key);
                    ps.setLong(2, x.dateAdded);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            updateFlags(c, key, setFlags(kept));
            if (latestGoes) {
                FeedAddressIndex.replace(c, key, latestBefore, FeedAddressIndex.stored(c, key,
                        kept.stream().filter(x -> x.last).map(x -> x.dateAdded).toList()));
            }
            references.forget(c, collectionId, objectId, unreferenced);
            markChanged(c, key);
            return doomed.size();
        }));
    }

    /** A delete changed the collection: its last_change moves on (strictly, under the row lock held). */
    private static void markChanged(Connection c, int key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE collection_state SET last_change = GREATEST(last_change + 1, ?) WHERE collection_key = ?")) {
            ps.setLong(1, nowMicros());
            ps.setInt(2, key);
            ps.executeUpdate();
        }
    }

    @Override
    public long lastChange(String collectionId) {
        return db.inTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT last_change FROM collection_state WHERE collection_id = ?")) {
                ps.setString(1, collectionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        }));
    }

    /** What each stored version (by date_added) of an object refers to through the indexed properties (see ReferenceIndex). */
    private Map<Long, Set<String>> referenceTargets(Connection c, int key, String objectId) throws SQLException {
        int sep = objectId.indexOf("--");
        if (sep < 0 || !IndexedReferences.PROPERTIES.containsKey(objectId.substring(0, sep))) {
            return Map.of();
        }
        Map<Long, Set<String>> targets = new HashMap<>();
        StringBuilder sql = new StringBuilder("SELECT date_added, json_bytes FROM stix_object WHERE collection_key = ?");
        List<Object> params = new ArrayList<>(List.of(key));
        if (!appendIdIn(sql, params, "", List.of(objectId))) {
            return targets;
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        targets.put(rs.getLong(1), IndexedReferences.targets(StixObject.of(StixJson.parse(rs.getBytes(2)))));
                    } catch (java.io.IOException e) {
                        throw new StorageException("unreadable JSON of stored object " + objectId, e);
                    }
                }
            }
        }
        return targets;
    }

    /** Sets first/last on the versions of one object; returns those whose flags changed. */
    private static List<Version> setFlags(List<Version> versionsOfOneObject) {
        if (versionsOfOneObject.isEmpty()) {
            return List.of();
        }
        Version min = versionsOfOneObject.get(0);
        Version max = min;
        for (Version v : versionsOfOneObject) {
            if (v.versionMicros < min.versionMicros) {
                min = v;
            }
            if (v.versionMicros > max.versionMicros) {
                max = v;
            }
        }
        List<Version> changed = new ArrayList<>();
        for (Version v : versionsOfOneObject) {
            v.first = v == min;
            v.last = v == max;
            if (v.flagsChanged()) {
                changed.add(v);
            }
        }
        return changed;
    }

    private static void updateFlags(Connection c, int key, List<Version> changed) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE_FLAGS)) {
            for (Version v : changed) {
                ps.setBoolean(1, v.first);
                ps.setBoolean(2, v.last);
                ps.setInt(3, key);
                ps.setLong(4, v.dateAdded);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** All stored versions of the given objects, by object id. */
    private Map<String, List<Version>> loadVersions(Connection c, int key, Set<String> objectIds) throws SQLException {
        Map<String, List<Version>> out = new HashMap<>(objectIds.size() * 2);
        List<String> all = new ArrayList<>(objectIds);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            StringBuilder sql = new StringBuilder("SELECT object_id, date_added, id_hash, version_micros, version_text,"
                    + " spec_version, is_first, is_last FROM stix_object WHERE collection_key = ?");
            List<Object> params = new ArrayList<>();
            params.add(key);
            if (!appendIdIn(sql, params, "", chunk)) {
                continue; // none stored: the usual case for new objects, without a query
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(2)).add(new Version(rs.getLong(2),
                                rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6), true, rs.getBoolean(7),
                                rs.getBoolean(8)));
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------- collection state

    private record State(long lastDateAdded, String specVersionsText) {
        List<String> specVersions() {
            return specVersionsText.isEmpty() ? List.of() : Arrays.asList(specVersionsText.split(","));
        }
    }

    /** Locks the collection's state row until the transaction ends (serialises writers of the collection). */
    private static State lockState(Connection c, int key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_date_added, spec_versions FROM collection_state WHERE collection_key = ? FOR UPDATE")) {
            ps.setInt(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no collection_state row for key " + key);
                }
                return new State(rs.getLong(1), rs.getString(2));
            }
        }
    }

    /** The key of a committed collection_state row (cached), or null. */
    private Integer existingKey(Connection c, String collectionId) throws SQLException {
        Integer key = keys.get(collectionId);
        if (key == null) {
            key = selectKey(c, collectionId);
            if (key != null) {
                keys.put(collectionId, key);
            }
        }
        return key;
    }

    private static Integer selectKey(Connection c, String collectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT collection_key FROM collection_state WHERE collection_id = ?")) {
            ps.setString(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    /**
     * The collection's key, creating its state row in a transaction of its own when it is new.
     * Writers in this process create rows one at a time (the first writes of a collection often
     * come together); another process creating the same row at once is met by {@link #insertState}.
     */
    int ensureKey(String collectionId) {
        Integer cached = keys.get(collectionId);
        if (cached != null) {
            return cached;
        }
        synchronized (creatingState) {
            cached = keys.get(collectionId);
            if (cached != null) {
                return cached;
            }
            // cached only once committed: another thread must not lock a row it cannot see yet
            int key = db.inTransaction(s -> s.doReturningWork(c -> {
                Integer existing = selectKey(c, collectionId);
                if (existing != null) {
                    return existing;
                }
                insertState(c, collectionId);
                return selectKey(c, collectionId);
            }));
            keys.put(collectionId, key);
            return key;
        }
    }

    /**
     * Inserts the collection's state row unless it is there, without failing when another process
     * inserts it at the same moment: PostgreSQL skips it (ON CONFLICT waits for the other
     * transaction), H2 refuses only this statement, which leaves the transaction usable. Either
     * way the caller then reads the row the other committed.
     */
    private void insertState(Connection c, String collectionId) throws SQLException {
        boolean postgres = db.settings().isPostgres();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO collection_state (collection_id, last_date_added,"
                + " spec_versions) VALUES (?, 0, '')" + (postgres ? " ON CONFLICT (collection_id) DO NOTHING" : ""))) {
            ps.setString(1, collectionId);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (postgres || !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    // ---------------------------------------------------------------------------------- helpers

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static long parseVersion(String id, String versionText) {
        try {
            return StixTimestamp.parse(versionText).epochMicros();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("object " + id + " has an invalid version timestamp: " + e.getMessage(), e);
        }
    }

    /** spec_version, else 2.1 for unversioned objects (SCOs) and 2.0 for others, as medallion does. */
    private static String specVersionOf(StixObject o) {
        String spec = o.specVersion();
        if (spec != null) {
            return spec;
        }
        return o.versionText() == null ? "2.1" : "2.0";
    }

    private static Long maxOrNull(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }

    /** Appends {@code AND column IN (?, ...)}, padded to a bucket size by repeating the last value. */
    private static void appendIn(StringBuilder sql, List<Object> params, String column, List<?> values) {
        if (values.isEmpty()) {
            return;
        }
        if (values.size() > IN_SIZES[IN_SIZES.length - 1]) {
            sql.append(" AND ").append(column).append(" IN (").append("?, ".repeat(values.size() - 1)).append("?)");
            params.addAll(values);
            return;
        }
        int size = values.size();
        for (int bucket : IN_SIZES) {
            if (bucket >= values.size()) {
                size = bucket;
                break;
            }
        }
        sql.append(" AND ").append(column).append(" IN (").append("?, ".repeat(size - 1)).append("?)");
        params.addAll(values);
        for (int i = values.size(); i < size; i++) {
            params.add(values.get(values.size() - 1));
        }
    }

    /**
     * Appends {@code AND id_hash IN (...) AND object_id IN (...)}: every key under which the ids
     * may be stored (see {@link IdKeys}) for the index, the ids for exactness. Ids with no key
     * are left out, as they cannot match.
     *
     * @return false, appending nothing, when none of the ids has a key: no row can match
     */
    private boolean appendIdIn(StringBuilder sql, List<Object> params, String alias, List<String> ids) {
        List<Long> keys = new ArrayList<>(ids.size() + 8);
        List<String> possible = new ArrayList<>(ids.size());
        for (String id : ids) {
            long[] candidates = idKeys.candidates(id);
            if (candidates.length > 0) {
                possible.add(id);
                for (long k : candidates) {
                    keys.add(k);
                }
            }
        }
        if (possible.isEmpty()) {
            return false;
        }
        appendIn(sql, params, alias + "id_hash", keys);
        appendIn(sql, params, alias + "object_id", possible);
        return true;
    }

    /**
     * {@link #appendIdIn} for the lookups made for a requester ({@link #find}, {@link #contains}):
     * when no id has a key, the query still runs, under a key no entry has ({@link IdKeys} keys of
     * the generational scheme are positive). The id filters are global, so skipping the query for
     * an id stored nowhere would answer measurably faster than for an id stored only in
     * collections the requester may not read: a timing oracle for what exists there.
     */
    private void appendIdLookup(StringBuilder sql, List<Object> params, String alias, List<String> ids) {
        if (!appendIdIn(sql, params, alias, ids)) {
            appendIn(sql, params, alias + "id_hash", List.of(-1L));
            appendIn(sql, params, alias + "object_id", ids);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (p instanceof Long n) {
                ps.setLong(i + 1, n);
            } else {
                ps.setString(i + 1, (String) p);
            }
        }
    }
}
