package nl.camiso.server.feeds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.BitSet;

/**
 * The sid of every Suricata rule this server has written, server-wide and kept in the database, so
 * that a rule has the same sid from poll to poll, after a restart, and whichever way it is asked for
 * (one collection streamed, with {@code max}, through a feed set), and no two rules share one, also
 * when rules of several collections or feed sets are loaded into one Suricata.
 *
 * <p>A rule is its 64-bit identity ({@link FeedSuricata#identity}). A new rule takes its hashed slot
 * in the local range, else the next free one (wrapping), first come first served: a rule keeps its
 * sid whatever arrives later. Entries are never purged, so a sid is never given to another rule;
 * when all 1,000,000 are taken a new rule gets none ({@link FeedSuricata#NO_SID}).
 *
 * <p>The assignments are read once (in the background from the start, or at the first use) into a
 * map of 12 to 24 bytes a rule and a bit set of the taken slots (under 30 MB at a million). New
 * assignments are stored, durably, before the rules using them are written, one process's batch at
 * a time. Several server processes on one database (PostgreSQL) each keep their own copy: when
 * storing fails because another process took a rule or sid meanwhile, this one reads those rows
 * and assigns that batch again.
 */
public final class SuricataSids {

    private static final Logger LOG = LoggerFactory.getLogger(SuricataSids.class);

    /** New assignments stored in one transaction at most: the first poll of a large feed writes in steps. */
    static final int STORE_BATCH = 50_000;
    /** Rounds of "another process took it" for one batch before giving up. */
    private static final int MAX_ROUNDS = 1000;

    /** Where the assignments are kept ({@code storage.JdbcSuricataSidStore}); rows are only ever added. */
    public interface Store {
        /** Gives every stored assignment to {@code each}. */
        void forEach(Assignment each);

        /**
         * Stores new assignments in one transaction, durable when this returns; false, with none of
         * them stored, when another process stored one of the rules or sids.
         */
        boolean add(long[] rules, int[] sids, int count);

        /** Gives {@code each} the stored assignments of any of these rules or these sids. */
        void find(long[] rules, int[] sids, int count, Assignment each);
    }

    /** One assignment: a rule's identity and its sid. */
    @FunctionalInterface
    public interface Assignment {
        void accept(long rule, int sid);
    }

    private final Store store;
    /** Null until the stored assignments are read. */
    private LongIntMap sidOf;
    private BitSet taken;
    private int takenCount;

    public SuricataSids(Store store) {
        this.store = store;
    }

    /** Reads the stored assignments in the background, so that the first feed finds them read. */
    public void warm() {
        Thread t = new Thread(() -> {
            try {
                synchronized (this) {
                    load();
                }
            } catch (RuntimeException e) {
                // the server stopping, or the database gone: the first feed reads them itself
                LOG.debug("Suricata sids not read ahead: {}", e.toString());
            }
        }, "suricata-sids");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * The sids of {@code count} rules given by their identities, in the same order: those they have,
     * else new ones, stored before this returns; -1 for a new rule when the range is full.
     */
    public synchronized int[] sidsOf(long[] rules, int count) {
        load();
        int[] sids = new int[count];
        for (int from = 0; from < count; from += STORE_BATCH) {
            assign(rules, from, Math.min(count, from + STORE_BATCH), sids);
        }
        return sids;
    }

    private void assign(long[] rules, int from, int to, int[] sids) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int size = to - from;
            LongIntMap fresh = new LongIntMap(16);
            long[] newRules = new long[size];
            int[] newSids = new int[size];
            int added = 0;
            for (int i = from; i < to; i++) {
                int sid = sidOf.get(rules[i]);
                if (sid == 0) {
                    sid = fresh.get(rules[i]);
                }
                if (sid == 0) {
                    int slot = freeSlot(FeedSuricata.slot(rules[i]));
                    if (slot < 0) {
                        sids[i] = -1;
                        continue;
                    }
                    taken.set(slot);
                    takenCount++;
                    sid = FeedSuricata.SID_FIRST + slot;
                    fresh.put(rules[i], sid);
                    newRules[added] = rules[i];
                    newSids[added++] = sid;
                }
                sids[i] = sid;
            }
            boolean stored;
            try {
                stored = added == 0 || store.add(newRules, newSids, added);
            } catch (RuntimeException e) {
                release(newSids, added);
                throw e;
            }
            if (stored) {
                for (int n = 0; n < added; n++) {
                    sidOf.put(newRules[n], newSids[n]);
                }
                return;
            }
            // another process stored some of these rules or sids meanwhile: learn its rows, assign again
            release(newSids, added);
            store.find(newRules, newSids, added, this::learn);
        }
        throw new IllegalStateException("Suricata sids could not be stored after " + MAX_ROUNDS + " rounds");
    }

    /** Frees the slots of sids that were not stored. */
    private void release(int[] sids, int count) {
        for (int n = 0; n < count; n++) {
            taken.clear(sids[n] - FeedSuricata.SID_FIRST);
            takenCount--;
        }
    }

    /** The first free slot at or after {@code slot}, wrapping; -1 when none is free. */
    private int freeSlot(int slot) {
        if (takenCount >= FeedSuricata.SID_COUNT) {
            return -1;
        }
        int at = taken.nextClearBit(slot);
        return at < FeedSuricata.SID_COUNT ? at : taken.nextClearBit(0);
    }

    private void load() {
        if (sidOf != null) {
            return;
        }
        LongIntMap map = new LongIntMap(1024);
        taken = new BitSet(FeedSuricata.SID_COUNT);
        takenCount = 0;
        sidOf = map;
        try {
            store.forEach(this::learn);
        } catch (RuntimeException e) {
            sidOf = null;
            throw e;
        }
    }

    /** A stored assignment: a rule of another process, or read at the start. */
    private void learn(long rule, int sid) {
        int slot = sid - FeedSuricata.SID_FIRST;
        if (slot < 0 || slot >= FeedSuricata.SID_COUNT || sidOf.get(rule) != 0) {
            return;
        }
        sidOf.put(rule, sid);
        if (!taken.get(slot)) {
            taken.set(slot);
            takenCount++;
        }
    }

    /** Kept in memory only: for servers and tests without a database. */
    public static SuricataSids inMemory() {
        java.util.List<long[]> rows = new java.util.ArrayList<>();
        return new SuricataSids(new Store() {
            @Override
            public synchronized void forEach(Assignment each) {
                rows.forEach(r -> each.accept(r[0], (int) r[1]));
            }

            @Override
            public synchronized boolean add(long[] rules, int[] sids, int count) {
                for (int i = 0; i < count; i++) {
                    rows.add(new long[]{rules[i], sids[i]});
                }
                return true;
            }

            @Override
            public void find(long[] rules, int[] sids, int count, Assignment each) {
                // one process only: nothing is ever taken by another
            }
        });
    }

    /** An open-addressing map from long to a positive int that grows; 0 when absent. */
    static final class LongIntMap {
        private long[] keys;
        private int[] values;
        private int size;
        private int zero;

        LongIntMap(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
            keys = new long[capacity];
            values = new int[capacity];
        }

        void put(long key, int value) {
            if (key == 0) {
                zero = value;
                return;
            }
            if (size * 2 >= keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = spread(key) & mask;
            while (keys[i] != 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (keys[i] == 0) {
                size++;
            }
            keys[i] = key;
            values[i] = value;
        }

        int get(long key) {
            if (key == 0) {
                return zero;
            }
            int mask = keys.length - 1;
            for (int i = spread(key) & mask; keys[i] != 0; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i];
                }
            }
            return 0;
        }

        private static int spread(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldValues.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }
    }
}
