package nl.camiso.server.storage;

import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
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

    static final SchemaMigrator.Script PROBE = SchemaMigrator.Script.of("V99_0__upgrade_probe.sql",
            "-- a later upgrade that changes a table holding data\n"
                    + "ALTER TABLE stix_object ADD COLUMN upgrade_probe VARCHAR(10);\n"
                    + "UPDATE stix_object SET upgrade_probe = 'x';\n");

    @Test
    void upgradeFromVersionOneKeepsTheData() throws Exception {
        List<SchemaMigrator.Script> v1 = shipped().stream().filter(s -> s.major() == 1).toList();
        String c = UUID.randomUUID().toString();
        String id = "indicator--" + UUID.randomUUID();
        StatusRecord status;
        List<StoredVersion> before;
        try (Database db = Database.open(testDb.settings(), List.of(), v1)) {
            ObjectStore store = db.objectStore();
            store.add("ndn", c, "alice", 1L, 2, List.of(ObjectStoreContract.indicator(id, "2021-01-01T00:00:00Z")), List.of());
            status = store.add("ndn", c, "alice", 2L, 1, List.of(ObjectStoreContract.indicator(id, "2021-02-01T00:00:00Z")), List.of());
            before = store.find(c, ObjectStoreContract.query(VersionMatch.ALL)).items();
        }
        List<SchemaMigrator.Script> all = new ArrayList<>(shipped());
        all.add(PROBE);
        try (Database db = Database.open(testDb.settings(), List.of(), all)) {
            ObjectStore store = db.objectStore();
            List<StoredVersion> after = store.find(c, ObjectStoreContract.query(VersionMatch.ALL)).items();
            assertEquals(ObjectStoreContract.versionsOf(before), ObjectStoreContract.versionsOf(after));
            assertEquals(before.get(1).dateAddedMicros(), after.get(1).dateAddedMicros());
            assertTrue(java.util.Arrays.equals(before.get(0).json(), after.get(0).json()));
            assertEquals(List.of(id + "@2021-02-01T00:00:00Z"),
                    ObjectStoreContract.versionsOf(store.find(c, ObjectStoreContract.query(VersionMatch.LAST)).items()));
            assertEquals(status, store.status("ndn", status.id()).orElseThrow());
            // the collection's date_added sequence carries on after the upgrade
            store.add("ndn", c, "alice", 3L, 1, List.of(ObjectStoreContract.indicator(id, "2021-03-01T00:00:00Z")), List.of());
            List<StoredVersion> now = store.find(c, ObjectStoreContract.query(VersionMatch.ALL)).items();
            assertTrue(now.get(2).dateAddedMicros() > now.get(1).dateAddedMicros());
            try (Connection conn = db.dataSource().getConnection(); Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                rs.next();
                assertEquals(all.size(), rs.getInt(1));
                conn.rollback();
            }
        }
        // opening again applies nothing and changes nothing
        try (Database db = Database.open(testDb.settings(), List.of(), all)) {
            assertEquals(3, db.objectStore().find(c, ObjectStoreContract.query(VersionMatch.ALL)).items().size());
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
