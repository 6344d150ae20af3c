package nl.camiso.server.storage;

import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;
import nl.camiso.taxii.testing.ObjectStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schema creation and upgrade on a real database, run by the subclasses on H2 and PostgreSQL. */
abstract class SchemaMigrationContract {

    private TestDatabases.TestDb testDb;

    abstract TestDatabases.TestDb createDatabase();

    @BeforeEach
    void create() {
        testDb = createDatabase();
    }

    @AfterEach
    void drop() {
        testDb.close();
    }

    List<SchemaMigrator.Script> shipped() {
        return SchemaMigrator.fromClasspath(getClass().getClassLoader(), testDb.settings().dialectName());
    }

    /** The object id and first address of each row of the collection's feed address index. */
    private static List<String> feedAddresses(Database db, String collectionId) {
        List<String> rows = new ArrayList<>();
        db.feedAddresses().read(collectionId, r -> rows.add(r.objectId() + " " + r.firstAddress()));
        return rows;
    }

    static final SchemaMigrator.Script PROBE = SchemaMigrator.Script.of("V99_0__upgrade_probe.sql",
            "-- a later upgrade that changes a table holding data\n"
                    + "ALTER TABLE stix_object ADD COLUMN upgrade_probe VARCHAR(10);\n"
                    + "UPDATE stix_object SET upgrade_probe = 'x';\n");

    /**
     * Data written by an older release (here: the rows as the V1 schema holds them, written with
     * that release's SQL, under all scripts up to V5) survives the upgrade to the current schema:
     * same versions, JSON, date_added, flags, status and reference rows; found by id through the V6
     * and V7 hash indexes (backfilled in SQL), recognised as a duplicate, and the date_added
     * sequence carries on.
     */
    @Test
    void upgradeFromAnOlderReleaseKeepsTheData() throws Exception {
        List<SchemaMigrator.Script> old = shipped().stream().filter(s -> s.major() <= 5).toList();
        String c = UUID.randomUUID().toString();
        String id = "indicator--" + UUID.randomUUID();
        String statusId = UUID.randomUUID().toString();
        String relationship = "relationship--" + UUID.randomUUID();
        byte[] json1 = ObjectStoreContract.indicator(id, "2021-01-01T00:00:00Z").json();
        byte[] json2 = ObjectStoreContract.indicator(id, "2021-02-01T00:00:00Z").json();
        try (Database db = Database.open(testDb.settings(), List.of(), old);
             Connection conn = db.dataSource().getConnection()) {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO collection_state (collection_id, last_date_added, spec_versions) VALUES (?, 2000, '2.1')")) {
                ps.setString(1, c);
                ps.executeUpdate();
            }
            int key;
            try (PreparedStatement ps = conn.prepareStatement("SELECT collection_key FROM collection_state WHERE collection_id = ?")) {
                ps.setString(1, c);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    key = rs.getInt(1);
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO stix_object (collection_key, date_added, object_id,"
                    + " object_type, version_text, version_micros, spec_version, media_type, is_first, is_last, json_bytes)"
                    + " VALUES (?, ?, ?, 'indicator', ?, ?, '2.1', 'application/stix+json;version=2.1', ?, ?, ?)")) {
                Object[][] rows = {{1000L, "2021-01-01T00:00:00Z", 1609459200000000L, true, false, json1},
                        {2000L, "2021-02-01T00:00:00Z", 1612137600000000L, false, true, json2}};
                for (Object[] r : rows) {
                    ps.setInt(1, key);
                    ps.setLong(2, (Long) r[0]);
                    ps.setString(3, id);
                    ps.setString(4, (String) r[1]);
                    ps.setLong(5, (Long) r[2]);
                    ps.setBoolean(6, (Boolean) r[3]);
                    ps.setBoolean(7, (Boolean) r[4]);
                    ps.setBytes(8, (byte[]) r[5]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO taxii_status (id, api_root, collection_id, owner_name,"
                    + " status, request_timestamp, total_count, success_count, failure_count, pending_count, details_json)"
                    + " VALUES (?, 'ndn', ?, 'alice', 'complete', 2, 1, 1, 0, 0, ?)")) {
                ps.setString(1, statusId);
                ps.setString(2, c);
                ps.setString(3, "{\"successes\":[{\"id\":\"" + id + "\",\"version\":\"2021-02-01T00:00:00Z\",\"message\":null}],"
                        + "\"failures\":[],\"pendings\":[]}");
                ps.executeUpdate();
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO camiso_reference (target_id, collection_id,"
                    + " referrer_id, referrer_type) VALUES (?, ?, ?, 'relationship')")) {
                ps.setString(1, id);
                ps.setString(2, c);
                ps.setString(3, relationship);
                ps.executeUpdate();
            }
            conn.commit();
        }
        List<SchemaMigrator.Script> all = new ArrayList<>(shipped());
        all.add(PROBE);
        try (Database db = Database.open(testDb.settings(), List.of(), all)) {
            ObjectStore store = db.objectStore();
            List<StoredVersion> after = store.find(c, ObjectStoreContract.query(VersionMatch.ALL)).items();
            assertEquals(List.of(id + "@2021-01-01T00:00:00Z", id + "@2021-02-01T00:00:00Z"), ObjectStoreContract.versionsOf(after));
            assertEquals(2000L, after.get(1).dateAddedMicros());
            assertTrue(java.util.Arrays.equals(json1, after.get(0).json()));
            assertEquals(List.of(id + "@2021-02-01T00:00:00Z"),
                    ObjectStoreContract.versionsOf(store.find(c, ObjectStoreContract.query(VersionMatch.LAST)).items()));
            // by id, through the backfilled hash index
            ObjectQuery byId = new ObjectQuery(id, null, null, 100, List.of(), List.of(), VersionMatch.ALL, List.of(), false);
            assertEquals(2, store.find(c, byId).items().size());
            ObjectQuery byIds = new ObjectQuery(null, null, null, 100, List.of(id, "indicator--" + UUID.randomUUID()),
                    List.of(), VersionMatch.ALL, List.of(), false);
            assertEquals(2, store.find(c, byIds).items().size());
            assertTrue(store.contains(c, id));
            // the ip feed's address index (V18), filled at open from the latest version stored before it
            assertEquals(List.of(id + " 40a000001"), feedAddresses(db, c));
            StatusRecord status = store.status("ndn", statusId).orElseThrow();
            assertEquals(1, status.successCount());
            assertEquals(id, status.successes().get(0).id());
            // an old version posted again is a duplicate; a new one carries the date_added sequence on
            StatusRecord again = store.add("ndn", c, "alice", 3L, 1,
                    List.of(ObjectStoreContract.indicator(id, "2021-01-01T00:00:00.000Z")), List.of());
            assertEquals(ObjectStore.ALREADY_PRESENT, again.successes().get(0).message());
            store.add("ndn", c, "alice", 3L, 1, List.of(ObjectStoreContract.indicator(id, "2021-03-01T00:00:00Z")), List.of());
            List<StoredVersion> now = store.find(c, ObjectStoreContract.query(VersionMatch.ALL)).items();
            assertEquals(3, now.size());
            assertTrue(now.get(2).dateAddedMicros() > 2000L);
            assertEquals(List.of(id + " 40a000001"), feedAddresses(db, c), "the new latest version's row replaced the filled one");
            try (Connection conn = db.dataSource().getConnection(); Statement st = conn.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                    rs.next();
                    assertEquals(all.size(), rs.getInt(1));
                }
                // the reference row, found by its target through the backfilled V7 hash index
                assertEquals(List.of(new nl.camiso.taxii.spi.Referrer(c, relationship, "relationship")),
                        db.references().referrers(conn, List.of(c), id, java.util.Set.of()));
                // H2: V8 made the rows generation 0 of GenerationalIdKeys; the third version, stored
                // after the upgrade, took the key of the first two (all versions share one)
                long expected = testDb.settings().isH2() ? GenerationalIdKeys.hash48(id) : ObjectIdHash.of(id);
                try (ResultSet rs = st.executeQuery("SELECT DISTINCT id_hash FROM stix_object")) {
                    rs.next();
                    assertEquals(expected, rs.getLong(1), "SQL backfill and Java agree on the key");
                    assertTrue(!rs.next(), "one key for all versions");
                }
                conn.rollback();
            }
        }
        // opening again applies nothing and changes nothing
        try (Database db = Database.open(testDb.settings(), List.of(), all)) {
            assertEquals(3, db.objectStore().find(c, ObjectStoreContract.query(VersionMatch.ALL)).items().size());
        }
    }

    /** V10: accounts of an older release get distinct random ids, token generation 0 and their last change time. */
    @Test
    void upgradeGivesExistingAccountsTheirTokenBinding() throws Exception {
        List<SchemaMigrator.Script> old = shipped().stream().filter(s -> s.major() <= 9).toList();
        java.time.OffsetDateTime changed = java.time.OffsetDateTime.parse("2026-01-02T03:04:05.123456Z");
        try (Database db = Database.open(testDb.settings(), List.of(), old);
             Connection conn = db.dataSource().getConnection();
             PreparedStatement ps = conn.prepareStatement("INSERT INTO camiso_account (name, password_hash, demo_password,"
                     + " organisation, roles, created_at, updated_at) VALUES (?, NULL, FALSE, NULL, '', ?, ?)")) {
            for (String name : List.of("alice", "bob")) {
                ps.setString(1, name);
                ps.setObject(2, changed.minusDays(1));
                ps.setObject(3, changed);
                ps.executeUpdate();
            }
            conn.commit();
        }
        try (Database db = Database.open(testDb.settings(), List.of(), shipped());
             Connection conn = db.dataSource().getConnection(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT account_id, token_generation, credentials_changed_at FROM camiso_account")) {
            java.util.Set<String> ids = new java.util.HashSet<>();
            while (rs.next()) {
                assertTrue(rs.getString(1).length() >= 32, rs.getString(1));
                ids.add(rs.getString(1));
                assertEquals(0, rs.getLong(2));
                assertEquals(changed.toInstant(), rs.getObject(3, java.time.OffsetDateTime.class).toInstant());
            }
            assertEquals(2, ids.size(), "distinct ids");
            conn.rollback();
        }
    }

    @Test
    void aChangedScriptStopsStartUp() {
        Database.open(testDb.settings(), List.of(), shipped()).close();
        List<SchemaMigrator.Script> edited = new ArrayList<>();
        for (SchemaMigrator.Script s : shipped()) {
            edited.add(s.version().equals("1.0") ? SchemaMigrator.Script.of(s.fileName(), s.sql() + "\n-- edited\n") : s);
        }
        StorageException e = assertThrows(StorageException.class, () -> Database.open(testDb.settings(), List.of(), edited));
        assertTrue(e.getMessage().contains("has changed"), e.getMessage());
        // line endings alone are not a change
        List<SchemaMigrator.Script> crlf = shipped().stream()
                .map(s -> SchemaMigrator.Script.of(s.fileName(), s.sql().replace("\n", "\r\n"))).toList();
        Database.open(testDb.settings(), List.of(), crlf).close();
    }

    @Test
    void aDatabaseNewerThanTheCodeStopsStartUp() {
        List<SchemaMigrator.Script> all = new ArrayList<>(shipped());
        all.add(PROBE);
        Database.open(testDb.settings(), List.of(), all).close();
        StorageException e = assertThrows(StorageException.class, () -> Database.open(testDb.settings(), List.of(), shipped()));
        assertTrue(e.getMessage().contains("99.0"), e.getMessage());
    }
}
