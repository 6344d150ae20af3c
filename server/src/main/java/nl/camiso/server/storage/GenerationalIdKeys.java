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
 * duplicate check of new objects its query. A second, coarser filter per block of
 * {@value #GENERATIONS_PER_BLOCK} generations (about 1 byte an entry) lets a lookup skip whole
 * blocks: a lookup takes 0.4 µs at 1M entries and 3.7 µs at 10M, against 1.4 and 54 µs with a
 * filter per generation only (611 filters at 10M, which no longer fit the CPU caches). The filters are rebuilt from the index when the
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
    static final int GENERATIONS_PER_BLOCK = 32;
    /** Block filters hash {@code hash ^ BLOCK_SALT}: their bits must not follow the generation filters'. */
    private static final long BLOCK_SALT = 0x2545F4914F6CDD1DL;
    /** Keys stay positive; past this many generations the last one just keeps growing. */
    private static final int MAX_GENERATIONS = 1 << 15;
    private static final long[] NONE = new long[0];

    private final int generationSize;
    /** Filter of each generation by number; the last is open. Replaced, never changed in place, when one is added. */
    private volatile Bloom[] generations;
    /** Filter of each block of generations (block b: generations 32b to 32b + 31); written before {@link #generations}. */
    private volatile Bloom[] blocks;
    /** Entries in the open generation; guarded by this. */
    private int openEntries;

    GenerationalIdKeys(int generationSize) {
        this(generationSize, new Bloom[] {new Bloom(generationSize)}, new Bloom[] {blockFilter(generationSize, 0)}, 0);
    }

    private GenerationalIdKeys(int generationSize, Bloom[] generations, Bloom[] blocks, int openEntries) {
        this.generationSize = generationSize;
        this.blocks = blocks;
        this.generations = generations;
        this.openEntries = openEntries;
    }

    /** The filter of a block, with room for {@code firstGeneration} entries in its first generation. */
    private static Bloom blockFilter(int generationSize, int firstGeneration) {
        return new Bloom(Math.max(firstGeneration, generationSize) + (GENERATIONS_PER_BLOCK - 1) * generationSize,
                Bloom.BLOCK_BITS_PER_ENTRY, Bloom.BLOCK_PROBES);
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
            if (gens.length % GENERATIONS_PER_BLOCK == 0) {
                Bloom[] blks = Arrays.copyOf(blocks, blocks.length + 1);
                blks[blks.length - 1] = blockFilter(generationSize, 0);
                blocks = blks; // before the generation that needs it
            }
            gens = Arrays.copyOf(gens, gens.length + 1);
            gens[gens.length - 1] = new Bloom(generationSize);
            generations = gens;
            openEntries = 0;
        }
        int generation = gens.length - 1;
        blocks[generation / GENERATIONS_PER_BLOCK].add(hash ^ BLOCK_SALT);
        gens[generation].add(hash);
        openEntries++;
        return ((long) generation << HASH_BITS) | hash;
    }

    @Override
    public long[] candidates(String id) {
        long hash = hash48(id);
        long first = Bloom.first(hash);
        long step = Bloom.step(hash);
        long blockFirst = Bloom.first(hash ^ BLOCK_SALT);
        long blockStep = Bloom.step(hash ^ BLOCK_SALT);
        Bloom[] gens = generations;
        Bloom[] blks = blocks; // read after generations: has a block for each of them
        long[] out = null;
        int n = 0;
        // newest first: a new version is looked up soon after the first, usually
        for (int b = (gens.length - 1) / GENERATIONS_PER_BLOCK; b >= 0; b--) {
            if (!blks[b].mightContain(blockFirst, blockStep)) {
                continue;
            }
            int from = b * GENERATIONS_PER_BLOCK;
            for (int g = Math.min(gens.length - 1, from + GENERATIONS_PER_BLOCK - 1); g >= from; g--) {
                if (gens[g].mightContain(first, step)) {
                    if (out == null) {
                        out = new long[2];
                    } else if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = ((long) g << HASH_BITS) | hash;
                }
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
        List<Bloom> blocks = new ArrayList<>();
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
                    close(gens, blocks, current, hashes, n, generationSize);
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
        close(gens, blocks, current, hashes, n, generationSize);
        // the last generation goes on taking keys: room for a full generation in its filter
        Bloom last = gens.get(current);
        if (n < generationSize) {
            last = new Bloom(generationSize);
            for (int i = 0; i < n; i++) {
                last.add(hashes[i]);
            }
            gens.set(current, last);
        }
        return new GenerationalIdKeys(generationSize, gens.toArray(new Bloom[0]), blocks.toArray(new Bloom[0]), n);
    }

    /**
     * Adds the filter of generation {@code g}, with empty ones for numbers no key has (all
     * deleted), and its hashes to the filter of its block.
     */
    private static void close(List<Bloom> gens, List<Bloom> blocks, int g, long[] hashes, int n, int generationSize) {
        if (g < 0) {
            return;
        }
        while (gens.size() < g) {
            gens.add(new Bloom(1));
        }
        while (blocks.size() <= g / GENERATIONS_PER_BLOCK) {
            // only generation 0 (rows from before V8) can hold more than a generation's worth
            blocks.add(blockFilter(generationSize, blocks.isEmpty() ? n : 0));
        }
        Bloom bloom = new Bloom(Math.max(1, n));
        Bloom block = blocks.get(g / GENERATIONS_PER_BLOCK);
        for (int i = 0; i < n; i++) {
            bloom.add(hashes[i]);
            block.add(hashes[i] ^ BLOCK_SALT);
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
        /** Block filters only decide which generations to look at: a few % false positives will do. */
        static final int BLOCK_BITS_PER_ENTRY = 8;
        static final int BLOCK_PROBES = 5;
        private final AtomicLongArray words;
        private final long mask;
        private final int probes;

        Bloom(int capacity) {
            this(capacity, BITS_PER_ENTRY, PROBES);
        }

        Bloom(int capacity, int bitsPerEntry, int probes) {
            long wanted = Math.max(64L, (long) capacity * bitsPerEntry);
            long bits = Long.highestOneBit(wanted - 1) << 1;
            words = new AtomicLongArray((int) (bits >>> 6));
            mask = bits - 1;
            this.probes = probes;
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
            for (int i = 0; i < probes; i++) {
                long bit = (first + i * step) & mask;
                long m = 1L << (bit & 63);
                int word = (int) (bit >>> 6);
                if ((words.get(word) & m) == 0) {
                    words.getAndAccumulate(word, m, (x, y) -> x | y);
                }
            }
        }

        boolean mightContain(long first, long step) {
            for (int i = 0; i < probes; i++) {
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
