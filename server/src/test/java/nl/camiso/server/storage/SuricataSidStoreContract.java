package nl.camiso.server.storage;

import nl.camiso.server.feeds.SuricataSids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Suricata sid registry on its table: two registries, each with its own copy in memory, stand
 * for two server processes on one database (on PostgreSQL each with its own pool, as two nodes);
 * what one stored meanwhile the other learns when its insert is refused, and both give a rule the
 * same sid.
 */
abstract class SuricataSidStoreContract {

    static final int FIRST = 1_000_000;

    private TestDatabases.TestDb testDb;
    private Database db;
    private Database other;

    abstract TestDatabases.TestDb createDatabase();

    @BeforeEach
    void open() {
        testDb = createDatabase();
        db = Database.open(testDb.settings(), List.of());
        other = testDb.settings().isPostgres() ? Database.open(testDb.settings(), List.of()) : db;
    }

    @AfterEach
    void close() {
        if (other != null && other != db) {
            other.close();
        }
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    @Test
    void whatAnotherProcessTookMeanwhileIsLearntNotTakenTwice() throws Exception {
        SuricataSids a = new SuricataSids(db.suricataSids());
        SuricataSids b = new SuricataSids(other.suricataSids());
        b.sidsOf(new long[0], 0); // b reads the (empty) table now: what a stores next is unknown to it
        // 5, 1_000_005 and 2_000_005 ask for slot 5; 7 for slot 7
        assertArrayEquals(new int[]{FIRST + 5, FIRST + 7}, a.sidsOf(new long[]{5, 7}, 2));
        // b would give sid 1,000,005 to rule 1_000_005: refused, it learns that 5 has it
        assertArrayEquals(new int[]{FIRST + 6, FIRST + 5}, b.sidsOf(new long[]{1_000_005, 5}, 2));
        // a would give rule 1_000_005 the free-looking 1,000,006: refused, it learns b's row
        assertArrayEquals(new int[]{FIRST + 6, FIRST + 8}, a.sidsOf(new long[]{1_000_005, 2_000_005}, 2));
        assertArrayEquals(new int[]{FIRST + 8, FIRST + 7}, b.sidsOf(new long[]{2_000_005, 7}, 2));
        assertEquals(4, rows());

        // a restart: a new registry reads them all
        SuricataSids restarted = new SuricataSids(db.suricataSids());
        assertArrayEquals(new int[]{FIRST + 7, FIRST + 6, FIRST + 5, FIRST + 8},
                restarted.sidsOf(new long[]{7, 1_000_005, 5, 2_000_005}, 4));
        assertEquals(4, rows());
    }

    @Test
    void twoProcessesAssigningTheSameRulesAtOnceAgreeOnEverySid() throws Exception {
        long[] rules = new long[20_000];
        Random random = new Random(11);
        for (int i = 0; i < rules.length; i++) {
            rules[i] = random.nextInt(5_000) + 1_000_000L * random.nextInt(1000); // many ask for the same slots
        }
        long[] reversed = new long[rules.length];
        for (int i = 0; i < rules.length; i++) {
            reversed[i] = rules[rules.length - 1 - i];
        }
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        SuricataSids a = new SuricataSids(counting(db.suricataSids(), refused));
        SuricataSids b = new SuricataSids(counting(other.suricataSids(), refused));
        // both read the empty table first: each learns what the other stored only when refused
        a.sidsOf(new long[0], 0);
        b.sidsOf(new long[0], 0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<int[]> fromA = pool.submit(() -> inPages(a, rules));
            Future<int[]> fromB = pool.submit(() -> inPages(b, reversed));
            int[] sidsA = fromA.get(120, java.util.concurrent.TimeUnit.SECONDS);
            int[] sidsB = fromB.get(120, java.util.concurrent.TimeUnit.SECONDS);
            Set<Long> distinctRules = new HashSet<>();
            Set<Integer> distinctSids = new HashSet<>();
            for (int i = 0; i < rules.length; i++) {
                assertEquals(sidsA[i], sidsB[rules.length - 1 - i], "rule " + rules[i]);
                if (distinctRules.add(rules[i])) {
                    distinctSids.add(sidsA[i]);
                }
            }
            assertEquals(distinctRules.size(), distinctSids.size());
            assertEquals(distinctRules.size(), rows());
            assertTrue(refused.get() > 0, "the two never met");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The store, counting the batches refused because the other process stored some of them first. */
    private static SuricataSids.Store counting(SuricataSids.Store store, java.util.concurrent.atomic.AtomicInteger refused) {
        return new SuricataSids.Store() {
            public void forEach(SuricataSids.Assignment each) {
                store.forEach(each);
            }

            public boolean add(long[] rules, int[] sids, int count) {
                boolean added = store.add(rules, sids, count);
                if (!added) {
                    refused.incrementAndGet();
                }
                return added;
            }

            public void find(long[] rules, int[] sids, int count, SuricataSids.Assignment each) {
                store.find(rules, sids, count, each);
            }
        };
    }

    /** As the streamed feed asks: a page of rules at a time. */
    private static int[] inPages(SuricataSids registry, long[] rules) {
        int[] sids = new int[rules.length];
        for (int from = 0; from < rules.length; from += 1000) {
            int n = Math.min(1000, rules.length - from);
            System.arraycopy(registry.sidsOf(java.util.Arrays.copyOfRange(rules, from, from + n), n), 0, sids, from, n);
        }
        return sids;
    }

    /** The rules stored (not the row of rule_hash 0, see V17). */
    private long rows() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM camiso_suricata_sid WHERE rule_hash <> 0")) {
            rs.next();
            long n = rs.getLong(1);
            c.commit();
            return n;
        }
    }
}
