package nl.camiso.server.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Index keys for the embedded H2 database: {@code generation << 48 | hash48}, where hash48 is the
 * top 48 bits of the id's {@link ObjectIdHash} and the generation counts up by one every
 * {@link #GENERATION_SIZE} new entries.
 *
 * <p>Why: ids are random, so an index keyed by their hash takes every insert at a random place,
 * and H2 (MVStore, copy-on-write) rewrites every index page an insert touched at its next store:
 * the more entries the index holds, the more pages each second of ingest rewrites. With the
 * generation in the high bits, new entries all go to the last, small part of the index, and the
 * cost of an insert no longer grows with the collection (plain JDBC, 1M rows and their references
 * on H2: 9,900 → 21,400 rows/s, the last tenth 8,200 → 21,200).
 *
 * <p>The price is at lookup: an id's entry may be in any generation. Each generation keeps a Bloom
 * filter of its hashes in memory (about 2 bytes an entry), so {@link #candidates} names the one or
 * two generations worth probing, and none at all for an id that was never stored, which spares the
 * duplicate check of new objects its query. The filters are rebuilt from the index when the
 * database opens. This holds only while one process writes the database, as an embedded H2 file
 * guarantees (it is locked); PostgreSQL uses {@link IdKeys#HASHES}.
 *
 * <p>Deleted entries stay in their filter (a false candidate costs one index probe). Rows written
 * before migration V8 are generation 0, of whatever size.
 */
final class GenerationalIdKeys implements IdKeys {

    /** Entries per generation: small enough that the open one fits in few index pages. */
    static final int GENERATION_SIZE = 1 << 14;
    private static final int HASH_BITS = 48;
    private static final long HASH_MASK = (1L << HASH_BITS) - 1;
    /** Keys stay positive; past this many generations the last one just keeps growing. */
    private static final int MAX_GENERATIONS = 1 << 15;
    private static final long[] NONE = new long[0];

    private final int generationSize;
    /** Filter of each generation by number; the last is open. Replaced, never changed in place, when one is added. */
    private volatile Bloom[] generations;
    /** Entries in the open generation; guarded by this. */
    private int openEntries;

    GenerationalIdKeys(int generationSize) {
        this(generationSize, new Bloom[] {new Bloom(generationSize)}, 0);
    }

    private GenerationalIdKeys(int generationSize, Bloom[] generations, int openEntries) {
        this.generationSize = generationSize;
        this.generations = generations;
        this.openEntries = openEntries;
    }

    /** The 48-bit hash of an id that keys of every generation carry in their low bits. */
    static long hash48(String id) {
        return ObjectIdHash.of(id) >>> (64 - HASH_BITS);
    }

    static int generationOf(long key) {
        return (int) (key >>> HASH_BITS);
    }

    @Override
    public synchronized long newKey(String id) {
        long hash = hash48(id);
        Bloom[] gens = generations;
        if (openEntries >= generationSize && gens.length < MAX_GENERATIONS) {
            gens = Arrays.copyOf(gens, gens.length + 1);
            gens[gens.length - 1] = new Bloom(generationSize);
            generations = gens;
            openEntries = 0;
        }
        int generation = gens.length - 1;
        gens[generation].add(Bloom.first(hash), Bloom.step(hash));
        openEntries++;
        return ((long) generation << HASH_BITS) | hash;
    }

    @Override
    public long[] candidates(String id) {
        long hash = hash48(id);
        long first = Bloom.first(hash);
        long step = Bloom.step(hash);
        Bloom[] gens = generations;
        long[] out = null;
        int n = 0;
        // newest first: a new version is looked up soon after the first, usually
        for (int g = gens.length - 1; g >= 0; g--) {
            if (gens[g].mightContain(first, step)) {
                if (out == null) {
                    out = new long[2];
                } else if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = ((long) g << HASH_BITS) | hash;
            }
        }
        return out == null ? NONE : (n == out.length ? out : Arrays.copyOf(out, n));
    }

    /** Number of generations (the last one open), for tests and the log. */
    int generationCount() {
        return generations.length;
    }

    /**
     * Rebuilds the filters from the keys stored in {@code table.column}, read in index order (one
     * generation after the other). The last generation stays open for new keys.
     */
    static GenerationalIdKeys load(Connection c, String table, String column) throws SQLException {
        return load(c, table, column, GENERATION_SIZE);
    }

    static GenerationalIdKeys load(Connection c, String table, String column, int generationSize) throws SQLException {
        List<Bloom> gens = new ArrayList<>();
        long[] hashes = new long[1024];
        int n = 0;
        int current = -1;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + column + " FROM " + table + " ORDER BY " + column)) {
            while (rs.next()) {
                long key = rs.getLong(1);
                if (key < 0) {
                    throw new IllegalStateException(table + "." + column + " holds a key that is not in generation form ("
                            + key + "): the schema migration V8 for H2 has not run on it");
                }
                int g = generationOf(key);
                if (g != current) {
                    close(gens, current, hashes, n, generationSize);
                    current = g;
                    n = 0;
                }
                if (n == hashes.length) {
                    hashes = Arrays.copyOf(hashes, n * 2);
                }
                hashes[n++] = key & HASH_MASK;
            }
        }
        if (current < 0) {
            return new GenerationalIdKeys(generationSize);
        }
        close(gens, current, hashes, n, generationSize);
        // the last generation goes on taking keys: room for a full generation in its filter
        Bloom last = gens.get(current);
        if (n < generationSize) {
            last = new Bloom(generationSize);
            for (int i = 0; i < n; i++) {
                last.add(hashes[i]);
            }
            gens.set(current, last);
        }
        return new GenerationalIdKeys(generationSize, gens.toArray(new Bloom[0]), n);
    }

    /** Adds the filter of generation {@code g}, with empty ones for numbers no key has (all deleted). */
    private static void close(List<Bloom> gens, int g, long[] hashes, int n, int generationSize) {
        if (g < 0) {
            return;
        }
        while (gens.size() < g) {
            gens.add(new Bloom(1));
        }
        Bloom bloom = new Bloom(Math.max(1, n));
        for (int i = 0; i < n; i++) {
            bloom.add(hashes[i]);
        }
        gens.add(bloom);
    }

    /**
     * A Bloom filter of 48-bit hashes: at least 15 bits an entry (a power of two, so that a probe
     * is a mask, not a division) and 10 probes, at most 0.1 % false positives at its capacity. A
     * lookup computes its probe sequence once ({@link #first}, {@link #step}) for all generations.
     * Thread-safe: bits are only ever set, with atomic updates.
     */
    static final class Bloom {
        private static final int BITS_PER_ENTRY = 15;
        private static final int PROBES = 10;
        private final AtomicLongArray words;
        private final long mask;

        Bloom(int capacity) {
            long wanted = Math.max(64L, (long) capacity * BITS_PER_ENTRY);
            long bits = Long.highestOneBit(wanted - 1) << 1;
            words = new AtomicLongArray((int) (bits >>> 6));
            mask = bits - 1;
        }

        static long first(long hash) {
            return mix(hash);
        }

        static long step(long hash) {
            return mix(hash ^ 0x5DEECE66DL) | 1;
        }

        void add(long hash) {
            add(first(hash), step(hash));
        }

        void add(long first, long step) {
            for (int i = 0; i < PROBES; i++) {
                long bit = (first + i * step) & mask;
                long m = 1L << (bit & 63);
                int word = (int) (bit >>> 6);
                if ((words.get(word) & m) == 0) {
                    words.getAndAccumulate(word, m, (x, y) -> x | y);
                }
            }
        }

        boolean mightContain(long first, long step) {
            for (int i = 0; i < PROBES; i++) {
                long bit = (first + i * step) & mask;
                if ((words.get((int) (bit >>> 6)) & (1L << (bit & 63))) == 0) {
                    return false;
                }
            }
            return true;
        }

        /** The SplitMix64 finaliser: spreads every input bit over the whole word. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
