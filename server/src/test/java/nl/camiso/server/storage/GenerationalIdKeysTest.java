package nl.camiso.server.storage;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerationalIdKeysTest {

    static String id(int i) {
        return "indicator--" + String.format("%08x-0000-4000-8000-%012x", i, i * 7919L);
    }

    @Test
    void newKeysFillOneGenerationAfterTheOtherAndAreFoundAgain() {
        GenerationalIdKeys keys = new GenerationalIdKeys(100);
        List<Long> given = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            long key = keys.newKey(id(i));
            assertTrue(key >= 0, "keys stay positive");
            assertEquals(i / 100, GenerationalIdKeys.generationOf(key), "generation of entry " + i);
            assertEquals(GenerationalIdKeys.hash48(id(i)), key & ((1L << 48) - 1));
            given.add(key);
        }
        assertEquals(10, keys.generationCount());
        for (int i = 0; i < 1000; i++) {
            long key = given.get(i);
            assertTrue(Arrays.stream(keys.candidates(id(i))).anyMatch(k -> k == key), "the key of entry " + i + " is a candidate");
        }
    }

    @Test
    void manyBlocksOfGenerationsFoundAfterWritingAndAfterLoading() throws Exception {
        int generations = 5 * GenerationalIdKeys.GENERATIONS_PER_BLOCK + 7;
        GenerationalIdKeys keys = new GenerationalIdKeys(10);
        long[] given = new long[generations * 10];
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:blocks" + System.nanoTime(), "sa", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (k BIGINT NOT NULL)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k) VALUES (?)")) {
                for (int i = 0; i < given.length; i++) {
                    given[i] = keys.newKey(id(i));
                    ps.setLong(1, given[i]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            GenerationalIdKeys read = GenerationalIdKeys.load(c, "t", "k", 10);
            assertEquals(generations, keys.generationCount());
            assertEquals(generations, read.generationCount());
            for (GenerationalIdKeys k : List.of(keys, read)) {
                for (int i = 0; i < given.length; i++) {
                    long key = given[i];
                    assertTrue(Arrays.stream(k.candidates(id(i))).anyMatch(x -> x == key), "entry " + i);
                }
            }
        }
    }

    @Test
    void idsNeverStoredHaveAlmostNeverACandidate() {
        GenerationalIdKeys keys = new GenerationalIdKeys(1000);
        for (int i = 0; i < 10_000; i++) {
            keys.newKey(id(i));
        }
        int falseCandidates = 0;
        for (int i = 10_000; i < 30_000; i++) {
            falseCandidates += keys.candidates(id(i)).length;
        }
        // 10 full generations, about 0.1 % false positives each: about 200 of 20,000 lookups
        assertTrue(falseCandidates < 600, falseCandidates + " false candidates in 20,000 lookups");
    }

    @Test
    void filtersAreRebuiltFromTheStoredKeys() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:keys" + System.nanoTime(), "sa", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (k BIGINT NOT NULL)");
                st.execute("CREATE INDEX ix_t ON t (k)");
            }
            GenerationalIdKeys written = new GenerationalIdKeys(50);
            long[] given = new long[230];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k) VALUES (?)")) {
                for (int i = 0; i < 230; i++) {
                    long key = written.newKey(id(i));
                    given[i] = key;
                    // generation 2 deleted entirely: its number must stay taken
                    if (GenerationalIdKeys.generationOf(key) != 2) {
                        ps.setLong(1, key);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            GenerationalIdKeys read = GenerationalIdKeys.load(c, "t", "k", 50);
            assertEquals(5, read.generationCount());
            for (int i = 0; i < 230; i++) {
                long[] candidates = read.candidates(id(i));
                long key = given[i];
                assertEquals(i / 50 != 2, Arrays.stream(candidates).anyMatch(k -> k == key), "entry " + i);
                assertTrue(Arrays.stream(candidates).noneMatch(k -> GenerationalIdKeys.generationOf(k) == 2),
                        "an emptied generation has no candidates");
            }
            // the last generation (30 entries) stays open: the next 20 keys go there, then a new one
            for (int i = 230; i < 250; i++) {
                assertEquals(4, GenerationalIdKeys.generationOf(read.newKey(id(i))));
            }
            assertEquals(5, GenerationalIdKeys.generationOf(read.newKey(id(250))));

            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO t (k) VALUES (-5)");
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> GenerationalIdKeys.load(c, "t", "k", 50));
            assertTrue(e.getMessage().contains("V8"), e.getMessage());
        }
    }

    @Test
    void anEmptyColumnStartsAtGenerationZero() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:empty" + System.nanoTime(), "sa", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (k BIGINT NOT NULL)");
            }
            GenerationalIdKeys keys = GenerationalIdKeys.load(c, "t", "k", 50);
            assertEquals(0, keys.candidates(id(1)).length);
            assertEquals(0, GenerationalIdKeys.generationOf(keys.newKey(id(1))));
        }
    }
}
