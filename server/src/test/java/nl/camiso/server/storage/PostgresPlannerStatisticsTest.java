package nl.camiso.server.storage;

import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.testing.ObjectStoreContract;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On PostgreSQL (whose autovacuum may be off, as on the CI machine) the store keeps the planner
 * statistics of a growing collection fresh, so that a keyset page is read in index order instead of
 * sorting the whole collection. Skipped when PostgreSQL is not reachable.
 */
class PostgresPlannerStatisticsTest {

    @Test
    void analyzesAGrowingCollectionSoPagesNeedNoSort() throws Exception {
        try (TestDatabases.TestDb testDb = TestDatabases.postgres();
             Database db = Database.open(testDb.settings(), List.of())) {
            String collection = ObjectStoreContract.newCollection();
            for (int envelope = 0; envelope < 3; envelope++) {
                List<IncomingObject> batch = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    batch.add(ObjectStoreContract.indicator(ObjectStoreContract.newId("indicator"), "2021-01-01T00:00:00.000Z"));
                }
                db.objectStore().add("root", collection, "alice", DbObjectStore.nowMicros(), batch.size(), batch, List.of());
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (analyzedRows(db) < 1000 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(analyzedRows(db) >= 1000, "stix_object was analyzed after it grew");

            String plan = plan(db, "SELECT date_added, json_bytes FROM stix_object WHERE collection_key = 1"
                    + " AND date_added > 0 AND is_last = TRUE ORDER BY collection_key, date_added LIMIT 101");
            assertFalse(plan.contains("Sort"), "a page is read in index order, not sorted:\n" + plan);
            assertEquals(3000, db.objectStore().find(collection, ObjectStoreContract.query(null)).items().size());
        }
    }

    /** reltuples of stix_object: -1 (or 0) until the first ANALYZE. */
    private static long analyzedRows(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT reltuples FROM pg_class WHERE oid = 'stix_object'::regclass")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String plan(Database db, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString();
    }
}
