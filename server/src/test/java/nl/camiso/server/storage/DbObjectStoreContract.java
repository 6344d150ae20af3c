package nl.camiso.server.storage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;
import nl.camiso.taxii.testing.ObjectStoreContract;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link ObjectStoreContract} on a real database (subclasses for H2 and PostgreSQL), plus
 * what only a database shows: a write that fails half-way, and the statements a lookup costs.
 */
abstract class DbObjectStoreContract extends ObjectStoreContract {

    private TestDatabases.TestDb testDb;
    Database db;

    abstract TestDatabases.TestDb createDatabase();

    @Override
    protected ObjectStore openStore() {
        testDb = createDatabase();
        db = Database.open(testDb.settings(), List.of());
        return db.objectStore();
    }

    @Override
    protected void closeStore() {
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    @Test
    void failureMidEnvelopeStoresNothing() {
        String c = newCollection();
        add(c, indicator(newId("indicator"), "2021-01-01T00:00:00Z"));
        List<StoredVersion> before = all(c);
        List<IncomingObject> batch = List.of(
                indicator(newId("indicator"), "2021-01-01T00:00:00Z"),
                indicator("indicator--" + "x".repeat(400), "2021-01-01T00:00:00Z"),  // too long for object_id
                indicator(newId("indicator"), "2021-01-01T00:00:00Z"));
        assertThrows(RuntimeException.class, () -> add(c, batch));
        assertEquals(versionsOf(before), versionsOf(all(c)));
        // the collection keeps working and its date_added goes on increasing
        add(c, batch.get(0));
        List<StoredVersion> after = all(c);
        assertEquals(2, after.size());
        assertTrue(after.get(1).dateAddedMicros() > after.get(0).dateAddedMicros());
    }

    /** The change marker of conditional GETs: moves on every add that stores something and every delete, nothing else. */
    @Test
    void lastChangeMovesWithEveryStoringAddAndDelete() {
        String c = newCollection();
        assertEquals(0, store.lastChange(c));
        String id = newId("indicator");
        add(c, indicator(id, "2021-01-01T00:00:00Z"));
        long afterAdd = store.lastChange(c);
        assertTrue(afterAdd > 0);
        add(c, indicator(id, "2021-01-01T00:00:00Z")); // a duplicate stores nothing
        assertEquals(afterAdd, store.lastChange(c));
        add(c, indicator(id, "2021-02-01T00:00:00Z"));
        long afterVersion = store.lastChange(c);
        assertTrue(afterVersion > afterAdd);
        assertEquals(0, store.delete(c, newId("indicator"), VersionMatch.LAST, List.of()));
        assertEquals(afterVersion, store.lastChange(c));
        assertEquals(1, store.delete(c, id, exact("2021-01-01T00:00:00Z"), List.of()));
        long afterDelete = store.lastChange(c);
        assertTrue(afterDelete > afterVersion);
        // another collection is not touched
        assertEquals(0, store.lastChange(newCollection()));
    }

    /**
     * The extension endpoints look ids up only in the collections the requester may read. An id
     * stored only in other collections and an id stored nowhere must cost the same queries, or
     * the response time would tell the requester which ids exist where it may not look.
     */
    @Test
    void lookupsOfIdsStoredElsewhereAndNowhereRunTheSameQueries() {
        String readable = newCollection();
        String other = newCollection();
        String elsewhere = newId("indicator");
        add(readable, indicator(newId("indicator"), "2021-01-01T00:00:00.000Z"));
        add(other, indicator(elsewhere, "2021-01-01T00:00:00.000Z"),
                relationship(newId("relationship"), "2021-01-01T00:00:00.000Z", newId("course-of-action"), elsewhere));
        DbObjectStore objects = (DbObjectStore) store;
        Map<String, Integer> statements = new TreeMap<>();
        for (String id : List.of(elsewhere, newId("indicator"))) {
            String where = id.equals(elsewhere) ? "elsewhere " : "nowhere ";
            int[] n = new int[5];
            db.inTransaction(s -> s.doReturningWork(c -> {
                assertEquals(List.of(), db.references().holders(counting(c, n, 0), List.of(readable), id));
                assertEquals(List.of(), db.references().referrers(counting(c, n, 1), List.of(readable), id, Set.of()));
                assertFalse(objects.contains(counting(c, n, 2), readable, id));
                assertEquals(List.of(), objects.find(counting(c, n, 3), readable, new ObjectQuery(id, null, null, 1,
                        List.of(), List.of(), VersionMatch.LAST, List.of(), true)).items());
                assertEquals(List.of(), objects.find(counting(c, n, 4), readable, new ObjectQuery(null, null, null, 10,
                        List.of(id), List.of(), VersionMatch.ALL, List.of(), false)).items());
                return null;
            }));
            List<String> lookups = List.of("holders", "referrers", "contains", "find", "find match[id]");
            for (int i = 0; i < n.length; i++) {
                statements.put(lookups.get(i) + " " + where, n[i]);
            }
        }
        for (String lookup : List.of("holders", "referrers", "contains", "find", "find match[id]")) {
            assertTrue(statements.get(lookup + " elsewhere ") > 0, statements.toString());
            assertEquals(statements.get(lookup + " elsewhere "), statements.get(lookup + " nowhere "), statements.toString());
        }
    }

    /** The connection, counting the statements made on it in {@code count[slot]}. */
    static java.sql.Connection counting(java.sql.Connection c, int[] count, int slot) {
        return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(java.sql.Connection.class.getClassLoader(),
                new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                        count[slot]++;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * Several writers posting the first envelope of a new collection at the same moment: they all
     * create its state row at once; on a database several processes share (PostgreSQL), half of
     * them through a second {@link Database}, as another server process would (its own pool, cache
     * and lock). Every add
     * succeeds, every object is stored, and nothing is logged (no unique-key violation on the way).
     */
    @Test
    void firstWritesToANewCollectionAtOnceAllSucceedQuietly() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        DatabaseSettings settings = testDb.settings();
        Database other = settings.isPostgres() || settings.isSharedH2() ? Database.open(settings, List.of()) : null;
        try {
            for (int round = 0; round < 5; round++) {
                String c = newCollection();
                CyclicBarrier together = new CyclicBarrier(writers);
                List<Future<StatusRecord>> adds = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    ObjectStore writer = other != null && w % 2 == 1 ? other.objectStore() : store;
                    adds.add(pool.submit(() -> {
                        IncomingObject object = indicator(newId("indicator"), "2021-01-01T00:00:00Z");
                        together.await();
                        return writer.add(ROOT, c, "alice", nowMicros(), 1, List.of(object), List.of());
                    }));
                }
                for (Future<StatusRecord> f : adds) {
                    StatusRecord status = f.get(60, TimeUnit.SECONDS);
                    assertEquals(1, status.successes().size(), status.toString());
                    assertEquals(List.of(), status.failures());
                }
                assertEquals(writers, all(c).size());
                assertTrue(store.lastChange(c) > 0);
            }
        } finally {
            pool.shutdownNow();
            if (other != null) {
                other.close();
            }
            root.detachAppender(log);
        }
        List<String> warnings = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
        assertEquals(List.of(), warnings);
    }
}
